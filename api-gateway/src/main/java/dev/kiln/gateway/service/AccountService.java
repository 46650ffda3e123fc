package dev.kiln.gateway.service;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.persistence.AccountBalanceEntity;
import dev.kiln.gateway.persistence.AccountEntity;
import dev.kiln.gateway.persistence.ApiKeyCache;
import dev.kiln.gateway.persistence.ApiKeyEntity;
import dev.kiln.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts and API keys. */
@ApplicationScoped
public class AccountService {
    private final Outbox outbox;
    private final ApiKeyCache cache;
    private final PlanCatalogue plans;

    public AccountService(Outbox outbox, ApiKeyCache cache, PlanCatalogue plans) {
        this.outbox = outbox;
        this.cache = cache;
        this.plans = plans;
    }

    /** A created account with its first key; the key and the secret are shown this once. */
    public record OpenedAccount(String accountId, String name, String plan, String apiKey, String keyPrefix,
                                String webhookSecret) {
    }

    /** A newly issued key, shown this once. */
    public record IssuedKey(String keyId, String accountId, String apiKey, String keyPrefix, Instant createdAt) {
    }

    /** An account with its balance read model (zeros until billing's first ledger entry arrives). */
    public record AccountDetails(AccountEntity account, long quota, long used, long held, long available,
                                 List<ApiKeyEntity> keys) {
    }

    /**
     * Opens an account with its first API key, and announces it ({@link AccountOpened} with the
     * initial credits and the webhook secret) in the same transaction.
     */
    @Transactional
    public OpenedAccount open(String name, String plan, Long credits) {
        if (name == null || name.isBlank()) {
            throw ApiException.validation("'name' is required");
        }
        if (name.length() > 200) {
            throw ApiException.validation("'name' must be at most 200 characters");
        }
        if (plans.find(plan).isEmpty()) {
            throw ApiException.validation("Invalid plan '" + plan + "'; allowed values: "
                    + String.join(", ", plans.all().stream().map(PlanCatalogue.Plan::id).toList()));
        }
        long initialCredits = credits == null ? 0 : credits;
        if (initialCredits < 0) {
            throw ApiException.validation("'credits' must be at least 0");
        }
        Instant now = Instant.now();
        AccountEntity account = new AccountEntity();
        account.id = Tokens.newId("acc");
        account.name = name.trim();
        account.plan = plan;
        account.webhookSecret = Tokens.newWebhookSecret();
        account.createdAt = now;
        account.persist();
        IssuedKey key = addKey(account, now);
        outbox.publish(Topics.ACCOUNTS, account.id, new AccountOpened(EventIds.of(account.id, "opened"), now, null,
                account.id, account.name, account.plan, initialCredits, account.webhookSecret));
        return new OpenedAccount(account.id, account.name, account.plan, key.apiKey(), key.keyPrefix(),
                account.webhookSecret);
    }

    /** Issues another key for an existing account. */
    @Transactional
    public IssuedKey issueKey(String accountId) {
        return addKey(requireAccount(accountId), Instant.now());
    }

    /** Revokes a key; it stops working at once (its cache entry is dropped after the commit). */
    public void revokeKey(String accountId, String keyId) {
        String hash = QuarkusTransaction.requiringNew().call(() -> {
            ApiKeyEntity key = ApiKeyEntity.findById(keyId);
            if (key == null || !key.accountId.equals(accountId)) {
                throw ApiException.notFound("API key '" + keyId + "' not found");
            }
            if (key.revokedAt == null) {
                key.revokedAt = Instant.now();
            }
            return key.keyHash;
        });
        cache.forget(hash);
    }

    public AccountEntity requireAccount(String accountId) {
        AccountEntity account = AccountEntity.findById(accountId);
        if (account == null) {
            throw ApiException.notFound("Account '" + accountId + "' not found");
        }
        return account;
    }

    public AccountDetails details(String accountId) {
        AccountEntity account = requireAccount(accountId);
        Optional<AccountBalanceEntity> balance = AccountBalanceEntity.findByIdOptional(accountId);
        return new AccountDetails(account,
                balance.map(b -> b.quota).orElse(0L), balance.map(b -> b.used).orElse(0L),
                balance.map(b -> b.held).orElse(0L), balance.map(b -> b.available).orElse(0L),
                ApiKeyEntity.listByAccount(accountId));
    }

    /** Adds a key and primes the key cache, so the key's first requests do not need the database. */
    private IssuedKey addKey(AccountEntity account, Instant now) {
        String accountId = account.id;
        String apiKey = Tokens.newApiKey();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Tokens.newId("key");
        key.accountId = accountId;
        key.prefix = Tokens.displayPrefix(apiKey);
        key.keyHash = Tokens.hashApiKey(apiKey);
        key.createdAt = now;
        key.persist();
        cache.remember(key.keyHash, new ApiKeyCache.CachedKey(accountId, account.plan));
        return new IssuedKey(key.id, accountId, apiKey, key.prefix, now);
    }
}
