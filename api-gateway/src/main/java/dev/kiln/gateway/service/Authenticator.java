package dev.kiln.gateway.service;

import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.persistence.ApiKeyCache;
import dev.kiln.gateway.persistence.ApiKeyEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an {@code Authorization: Bearer <api key>} header into the calling account. */
@ApplicationScoped
public class Authenticator {
    private static final String BEARER = "Bearer ";

    private final ApiKeyCache cache;

    public Authenticator(ApiKeyCache cache) {
        this.cache = cache;
    }

    /** @throws ApiException AuthenticationError if the header holds no valid, unrevoked key */
    public Caller authenticate(String authorization) {
        String key = bearerToken(authorization);
        if (key == null) {
            throw ApiException.authentication("Missing API key: send 'Authorization: Bearer <api key>'");
        }
        if (!Tokens.looksLikeApiKey(key)) {
            throw ApiException.authentication("Invalid API key");
        }
        String hash = Tokens.hashApiKey(key);
        String accountId = cache.accountOf(hash).orElseGet(() -> {
            String found = ApiKeyEntity.findActiveByHash(hash).map(k -> k.accountId).orElse(null);
            if (found != null) {
                cache.remember(hash, found);
            }
            return found;
        });
        if (accountId == null) {
            throw ApiException.authentication("Invalid API key");
        }
        return new Caller(accountId);
    }

    /** The token of a {@code Bearer} header, or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
