package dev.kiln.gateway.persistence;

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

/**
 * Redis cache of API key hash → account id and plan ({@code kiln:gateway:apikey:<hash>} →
 * {@code "<account id> <plan>"}), so authentication usually does not touch Postgres. Redis trouble
 * degrades to a database lookup, never to a failed request.
 */
@ApplicationScoped
public class ApiKeyCache {
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);
    static final String KEY_PREFIX = "kiln:gateway:apikey:";

    /** What a key resolves to. */
    public record CachedKey(String accountId, String plan) {
        String encode() {
            return accountId + " " + plan;
        }

        static CachedKey decode(String value) {
            int space = value == null ? -1 : value.indexOf(' ');
            return space <= 0 ? null : new CachedKey(value.substring(0, space), value.substring(space + 1));
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

    /** Drops a key from the cache (on revocation). */
    public void forget(String keyHash) {
        try {
            keys.del(KEY_PREFIX + keyHash);
        } catch (RuntimeException e) {
            LOG.warnf("API key cache eviction failed (entry expires within the TTL): %s", e.getMessage());
        }
    }
}
