package dev.kiln.gateway.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Redis cache of API key hash → account, plan and the key's limits ({@code kiln:gateway:apikey:<hash>}
 * → JSON of {@link CachedKey}), so authentication usually does not touch Postgres. Redis trouble
 * degrades to a database lookup, never to a failed request.
 */
@ApplicationScoped
public class ApiKeyCache {
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);
    static final String KEY_PREFIX = "kiln:gateway:apikey:";

    /**
     * What a key resolves to: its account and plan, and the key's own limits.
     *
     * @param keyId       the key's id ({@code key_…})
     * @param revoked     whether the key was revoked (cached too, so a revoked key does not hit Postgres)
     * @param expiresAt   after this instant the key is refused; null = never
     * @param models      allowlist of model ids; null = every model
     * @param creditLimit cap on the credits held + captured by the key's jobs; null = none
     */
    public record CachedKey(String accountId, String plan, String keyId, boolean revoked, Instant expiresAt,
                            List<String> models, Long creditLimit) {
        String encode() {
            try {
                return KilnJson.mapper().writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The entry, or null when absent or written in another format (then the database is asked). */
        static CachedKey decode(String value) {
            if (value == null || !value.startsWith("{")) {
                return null;
            }
            try {
                CachedKey key = KilnJson.mapper().readValue(value, CachedKey.class);
                return key.accountId() == null || key.plan() == null || key.keyId() == null ? null : key;
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }

    private final ReactiveValueCommands<String, String> reactiveValues;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;
    private final long ttlSeconds;
    private final Duration timeout;

    public ApiKeyCache(ReactiveRedisDataSource reactiveRedis, RedisDataSource redis, GatewayConfig config) {
        this.reactiveValues = reactiveRedis.value(String.class);
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.ttlSeconds = Math.max(1, config.apiKeyCacheTtl().toSeconds());
        this.timeout = config.redisTimeout();
    }

    /** The cached entry, or null when absent or Redis is unavailable. */
    public Uni<CachedKey> lookup(String keyHash) {
        return reactiveValues.get(KEY_PREFIX + keyHash)
                .ifNoItem().after(timeout).fail()
                .map(CachedKey::decode)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("API key cache read failed (%s); using the database", e.toString());
                    return null;
                });
    }

    public Uni<Void> rememberAsync(String keyHash, CachedKey entry) {
        return reactiveValues.setex(KEY_PREFIX + keyHash, ttlSeconds, entry.encode())
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("API key cache write failed: %s", e.toString());
                    return null;
                });
    }

    public void remember(String keyHash, CachedKey entry) {
        try {
            values.setex(KEY_PREFIX + keyHash, ttlSeconds, entry.encode());
        } catch (RuntimeException e) {
            LOG.warnf("API key cache write failed: %s", e.getMessage());
        }
    }

    /** Drops keys from the cache (on revocation or a plan change). */
    public void forget(String... keyHashes) {
        if (keyHashes.length == 0) {
            return;
        }
        try {
            keys.del(java.util.Arrays.stream(keyHashes).map(h -> KEY_PREFIX + h).toArray(String[]::new));
        } catch (RuntimeException e) {
            LOG.warnf("API key cache eviction failed (entry expires within the TTL): %s", e.getMessage());
        }
    }
}
