package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.persistence.ApiKeyCache;
import dev.kiln.gateway.persistence.ApiKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Turns an {@code Authorization: Bearer <api key>} header into the calling account, without
 * blocking: the Redis cache answers almost every request; on a miss the database lookup runs on a
 * worker thread and refills the cache.
 */
@ApplicationScoped
public class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyCache cache;
    private final Vertx vertx;
    private final PlanCatalogue plans;
    private final PlanCatalogue.Plan lowestPlan;

    public Authenticator(ApiKeyCache cache, Vertx vertx, PlanCatalogue plans) {
        this.cache = cache;
        this.vertx = vertx;
        this.plans = plans;
        this.lowestPlan = plans.all().get(0);
    }

    /** Fails with AuthenticationError if the header holds no valid, unrevoked, unexpired key. */
    public Uni<Caller> authenticate(String authorization) {
        String key = bearerToken(authorization);
        if (key == null) {
            return Uni.createFrom().failure(
                    ApiException.authentication("Missing API key: send 'Authorization: Bearer <api key>'"));
        }
        if (!Tokens.looksLikeApiKey(key)) {
            return Uni.createFrom().failure(ApiException.authentication("Invalid API key"));
        }
        String hash = Tokens.hashApiKey(key);
        return cache.lookup(hash)
                .flatMap(cached -> cached != null ? Uni.createFrom().item(cached) : fromDatabase(hash))
                .map(found -> {
                    if (found == null) {
                        throw ApiException.authentication("Invalid API key");
                    }
                    if (found.revoked()) {
                        throw ApiException.authentication("API key revoked");
                    }
                    if (found.expiresAt() != null && !Instant.now().isBefore(found.expiresAt())) {
                        throw ApiException.authentication("API key expired");
                    }
                    return new Caller(found.accountId(), plan(found), hash, found.keyId(), found.models(),
                            found.creditLimit());
                });
    }

    /** The account's plan; a plan the catalogue no longer lists gets the lowest plan's features and limits. */
    private PlanCatalogue.Plan plan(ApiKeyCache.CachedKey key) {
        return plans.find(key.plan()).orElseGet(() -> {
            LOG.warnf("Account %s is on plan '%s', which the plan catalogue does not list; treating it as '%s'",
                    key.accountId(), key.plan(), lowestPlan.id());
            return lowestPlan;
        });
    }

    private Uni<ApiKeyCache.CachedKey> fromDatabase(String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> QuarkusTransaction.requiringNew()
                        .call(() -> ApiKeyEntity.findAccountByHash(hash).orElse(null))), false)
                .call(found -> found == null ? Uni.createFrom().voidItem() : cache.rememberAsync(hash, found));
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
