package dev.kiln.gateway.persistence;

import dev.kiln.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Redis cache of API key hash → account id ({@code kiln:gateway:apikey:<hash>}), so the hot path
 * of authentication usually does not touch Postgres. Redis trouble degrades to a database lookup,
 * never to a failed request.
 */
@ApplicationScoped
public class ApiKeyCache {
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);
    static final String KEY_PREFIX = "kiln:gateway:apikey:";

    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;
    private final long ttlSeconds;

    public ApiKeyCache(RedisDataSource redis, GatewayConfig config) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.ttlSeconds = Math.max(1, config.apiKeyCacheTtl().toSeconds());
    }

    public Optional<String> accountOf(String keyHash) {
        try {
            return Optional.ofNullable(values.get(KEY_PREFIX + keyHash));
        } catch (RuntimeException e) {
            LOG.warnf("API key cache read failed (%s); using the database", e.getMessage());
            return Optional.empty();
        }
    }

    public void remember(String keyHash, String accountId) {
        try {
            values.setex(KEY_PREFIX + keyHash, ttlSeconds, accountId);
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
