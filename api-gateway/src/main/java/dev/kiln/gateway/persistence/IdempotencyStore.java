package dev.kiln.gateway.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Idempotency records in Redis ({@code kiln:gateway:idempotency:<account id>:<sha-256 of the
 * client's key>}), shared by every gateway replica. A record is first a claim (the request is in
 * flight, short TTL so a crashed replica cannot hold a key for long), then the stored answer (TTL
 * {@code kiln.gateway.idempotency-ttl}), or it is deleted so the client may retry. Values are
 * opaque strings chosen by the caller; only the claimant (same claim value) may settle a claim.
 */
@ApplicationScoped
public class IdempotencyStore {
    static final String KEY_PREFIX = "kiln:gateway:idempotency:";

    /** KEYS[1]; ARGV[1] claim, ARGV[2] claim TTL ms. Returns nil if claimed, else the existing value. */
    private static final RedisScript CLAIM = new RedisScript("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return false
            end
            return redis.call('GET', KEYS[1])
            """);

    /** KEYS[1]; ARGV[1] expected claim, ARGV[2] new value ('' = delete), ARGV[3] TTL ms. Returns 1 if settled. */
    private static final RedisScript SETTLE = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return 1
            """);

    private final ReactiveRedisDataSource redis;

    public IdempotencyStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Claims {@code key}; returns null if this call now holds it, else the record already there. Blocking. */
    public String claim(String key, String claim, Duration ttl, Duration timeout) {
        Response existing = CLAIM.run(redis, KEY_PREFIX + key, claim, Long.toString(ttl.toMillis()))
                .await().atMost(timeout);
        return existing == null ? null : existing.toString();
    }

    /** Replaces this caller's claim with the final record. Blocking. */
    public boolean complete(String key, String claim, String record, Duration ttl, Duration timeout) {
        return settle(key, claim, record, ttl, timeout);
    }

    /** Drops this caller's claim, so the key may be used again. Blocking. */
    public boolean release(String key, String claim, Duration timeout) {
        return settle(key, claim, "", Duration.ZERO, timeout);
    }

    private boolean settle(String key, String claim, String record, Duration ttl, Duration timeout) {
        Response done = SETTLE.run(redis, KEY_PREFIX + key, claim, record, Long.toString(ttl.toMillis()))
                .await().atMost(timeout);
        return done != null && done.toLong() == 1;
    }
}
