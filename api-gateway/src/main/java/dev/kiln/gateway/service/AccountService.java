package dev.kiln.gateway.service;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.AccountPlanChanged;
import dev.kiln.contracts.events.CreditsGranted;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Accounts and API keys. */
@ApplicationScoped
public class AccountService {
    private final Outbox outbox;
    private final ApiKeyCache cache;
    private final PlanCatalogue plans;
    private final ModelCatalogue models;
    private final KeySpend keySpend;

    public AccountService(Outbox outbox, ApiKeyCache cache, PlanCatalogue plans, ModelCatalogue models,
                          KeySpend keySpend) {
        this.outbox = outbox;
        this.cache = cache;
        this.plans = plans;
        this.models = models;
        this.keySpend = keySpend;
    }

    /** A created account with its first key; the key and the secret are shown this once. */
    public record OpenedAccount(String accountId, String name, String plan, String apiKey, String keyPrefix,
                                String webhookSecret) {
    }

    /** A newly issued key, shown this once. */
    public record IssuedKey(String keyId, String accountId, String apiKey, String keyPrefix, Instant createdAt,
                            String name, List<String> models, Instant expiresAt, Long creditLimit) {
    }

    /** The optional limits of a new key; null fields mean "none". */
    public record KeyLimits(String name, List<String> models, Instant expiresAt, Long creditLimit) {
        public static final KeyLimits NONE = new KeyLimits(null, null, null, null);
    }

    /** A key as listed to operators (never the key itself), with the credits its jobs hold or used. */
    public record KeyListing(ApiKeyEntity key, long creditsUsed) {
    }

    /**
     * An account with its balance read model (zeros and null period until billing's first ledger event
     * arrives).
     *
     * @param quota     credits of the current period (used + available)
     * @param used      credits used in the current period (captured and held)
     * @param held      credits held by running jobs (the ledger's pending)
     * @param available credits that can be held now
     * @param posted    credits the account owns (granted minus captured minus expired)
     */
    public record AccountDetails(AccountEntity account, long quota, long used, long held, long available,
                                 long posted, Instant periodStart, Instant periodEnd, List<ApiKeyEntity> keys) {
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
        IssuedKey key = addKey(account, KeyLimits.NONE, now);
        outbox.publish(Topics.ACCOUNTS, account.id, new AccountOpened(EventIds.of(account.id, "opened"), now, null,
                account.id, account.name, account.plan, initialCredits, account.webhookSecret));
        return new OpenedAccount(account.id, account.name, account.plan, key.apiKey(), key.keyPrefix(),
                account.webhookSecret);
    }

    /** Issues another key for an existing account, with optional limits (validated here). */
    @Transactional
    public IssuedKey issueKey(String accountId, KeyLimits limits) {
        Instant now = Instant.now();
        KeyLimits valid = validate(limits == null ? KeyLimits.NONE : limits, now);
        return addKey(requireAccount(accountId), valid, now);
    }

    /** The account's keys, oldest first, with the credits spent through each. */
    public List<KeyListing> listKeys(String accountId) {
        requireAccount(accountId);
        return ApiKeyEntity.listByAccount(accountId).stream()
                .map(k -> new KeyListing(k, keySpend.spent(k.id))).toList();
    }

    private KeyLimits validate(KeyLimits limits, Instant now) {
        String name = limits.name() == null ? null : limits.name().trim();
        if (name != null && (name.isEmpty() || name.length() > 200)) {
            throw ApiException.validation("'name' must be 1 to 200 characters");
        }
        List<String> allowed = null;
        if (limits.models() != null) {
            if (limits.models().isEmpty()) {
                throw ApiException.validation("'models' must name at least one model (omit it to allow every model)");
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String model : limits.models()) {
                if (model == null || models.find(model).isEmpty()) {
                    throw ApiException.validation("Invalid model '" + model + "' in 'models'; allowed values: "
                            + String.join(", ", models.all().stream().map(ModelCatalogue.Model::id).toList()));
                }
                distinct.add(model);
            }
            allowed = List.copyOf(distinct);
        }
        if (limits.expiresAt() != null && !limits.expiresAt().isAfter(now)) {
            throw ApiException.validation("'expires_at' must be in the future");
        }
        if (limits.creditLimit() != null && limits.creditLimit() < 0) {
            throw ApiException.validation("'credit_limit' must be at least 0");
        }
        return new KeyLimits(name, allowed, limits.expiresAt(), limits.creditLimit());
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

    /** A plan change: the account's plan before and after (equal when nothing changed). */
    public record PlanChange(String accountId, String previousPlan, String plan) {
    }

    /** A grant sent to billing. */
    public record Grant(String grantId, String accountId, long credits, String reason, Instant grantedAt) {
    }

    /**
     * Moves the account to another plan of the catalogue and, in the same transaction, announces it
     * ({@link AccountPlanChanged} with the new plan's monthly credits, outbox, key account id) so
     * billing grants the new plan's credits from the next period on. Setting the plan the account
     * already has changes and announces nothing. The cached API keys of the account are dropped after
     * the commit, so the plan's gates and rate limits apply from the next request on.
     */
    public PlanChange changePlan(String accountId, String plan) {
        if (plans.find(plan).isEmpty()) {
            throw ApiException.validation("Invalid plan '" + plan + "'; allowed values: "
                    + String.join(", ", plans.all().stream().map(PlanCatalogue.Plan::id).toList()));
        }
        record Changed(PlanChange change, List<String> keyHashes) {
        }
        Changed changed = QuarkusTransaction.requiringNew().call(() -> {
            AccountEntity account = AccountEntity.findById(accountId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (account == null) {
                throw ApiException.notFound("Account '" + accountId + "' not found");
            }
            String previous = account.plan;
            if (!previous.equals(plan)) {
                account.plan = plan;
                String changeId = Tokens.newId("chg");
                outbox.publish(Topics.ACCOUNTS, accountId, new AccountPlanChanged(EventIds.of(changeId, "plan_changed"),
                        Instant.now(), null, accountId, plan, previous, plans.monthlyCredits(plan)));
            }
            return new Changed(new PlanChange(accountId, previous, plan),
                    ApiKeyEntity.listByAccount(accountId).stream().map(k -> k.keyHash).toList());
        });
        cache.forget(changed.keyHashes().toArray(String[]::new));
        return changed.change();
    }

    /**
     * Grants the account {@code credits} (with a reason): announces {@link CreditsGranted} through the
     * outbox; billing raises the quota once per grant id and the balance read model follows its ledger.
     */
    @Transactional
    public Grant grantCredits(String accountId, Long credits, String reason) {
        requireAccount(accountId);
        if (credits == null || credits < 1) {
            throw ApiException.validation("'credits' must be at least 1");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.validation("'reason' is required");
        }
        if (reason.length() > 500) {
            throw ApiException.validation("'reason' must be at most 500 characters");
        }
        Instant now = Instant.now();
        String grantId = Tokens.newId("grant");
        outbox.publish(Topics.ACCOUNTS, accountId, new CreditsGranted(EventIds.of(grantId, "granted"), now, null,
                accountId, credits, reason.trim(), grantId));
        return new Grant(grantId, accountId, credits, reason.trim(), now);
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
                balance.map(b -> b.posted).orElse(0L), balance.map(b -> b.periodStart).orElse(null),
                balance.map(b -> b.periodEnd).orElse(null), ApiKeyEntity.listByAccount(accountId));
    }

    /** Adds a key and primes the key cache, so the key's first requests do not need the database. */
    private IssuedKey addKey(AccountEntity account, KeyLimits limits, Instant now) {
        String accountId = account.id;
        String apiKey = Tokens.newApiKey();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Tokens.newId("key");
        key.accountId = accountId;
        key.prefix = Tokens.displayPrefix(apiKey);
        key.keyHash = Tokens.hashApiKey(apiKey);
        key.createdAt = now;
        key.name = limits.name();
        key.modelList(limits.models());
        key.expiresAt = limits.expiresAt();
        key.creditLimit = limits.creditLimit();
        key.persist();
        cache.remember(key.keyHash, new ApiKeyCache.CachedKey(accountId, account.plan, key.id, false,
                key.expiresAt, limits.models(), key.creditLimit));
        return new IssuedKey(key.id, accountId, apiKey, key.prefix, now, key.name, limits.models(), key.expiresAt,
                key.creditLimit);
    }
}
