package dev.kiln.gateway.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Per-API-key spend in Redis, shared by every gateway replica: {@code kiln:gateway:keyspend:<key id>}
 * holds the credits of the key's jobs that are held or captured (no TTL), and
 * {@code kiln:gateway:keyspend:job:<job id>} → {@code "<key id> <price>"} remembers, until the job
 * is settled, what to give back if it is rejected or fails. Taking the job record (GET + DEL in one
 * script) is what makes a give-back happen at most once, however many replicas or redeliveries
 * report the same end.
 */
@ApplicationScoped
public class KeySpendStore {
    static final String KEY_PREFIX = "kiln:gateway:keyspend:";
    static final String JOB_PREFIX = KEY_PREFIX + "job:";

    /** Outcome of {@link #take}. */
    public enum Outcome { TAKEN, REFUSED, UNKNOWN }

    /** {@code spent}: the counter after the call (REFUSED: as it stands). */
    public record Take(Outcome outcome, long spent) {
    }

    /**
     * KEYS[1] counter; ARGV[1] price, ARGV[2] cap (-1 = none). Returns {1, spent} if added,
     * {0, spent} if the cap refuses it, {-1, 0} if the counter does not exist (seed it first).
     */
    private static final RedisScript TAKE = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            if not current then
              return {-1, 0}
            end
            current = tonumber(current)
            local price = tonumber(ARGV[1])
            local cap = tonumber(ARGV[2])
            if cap >= 0 and current + price > cap then
              return {0, current}
            end
            return {1, redis.call('INCRBY', KEYS[1], price)}
            """);

    /** KEYS[1] job record. Returns its value and deletes it, or nil. */
    private static final RedisScript TAKE_JOB = new RedisScript("""
            local value = redis.call('GET', KEYS[1])
            if value then
              redis.call('DEL', KEYS[1])
            end
            return value
            """);

    /** KEYS[1] counter; ARGV[1] amount. Subtracts, never below 0 (a counter re-seeded from the database may be low). */
    private static final RedisScript GIVE_BACK = new RedisScript("""
            if not redis.call('GET', KEYS[1]) then
              return 0
            end
            local left = redis.call('DECRBY', KEYS[1], tonumber(ARGV[1]))
            if left < 0 then
              redis.call('SET', KEYS[1], 0)
              left = 0
            end
            return left
            """);

    private final ReactiveRedisDataSource redis;

    public KeySpendStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Adds {@code price} to the key's counter unless that passes {@code cap} (null = no cap). */
    public Uni<Take> take(String keyId, long price, Long cap) {
        return TAKE.run(redis, KEY_PREFIX + keyId, Long.toString(price), Long.toString(cap == null ? -1 : cap))
                .map(r -> {
                    long code = r.get(0).toLong();
                    Outcome outcome = code == 1 ? Outcome.TAKEN : code == 0 ? Outcome.REFUSED : Outcome.UNKNOWN;
                    return new Take(outcome, r.get(1).toLong());
                });
    }

    /** Creates the counter with {@code spent} unless it exists (another replica may have seeded it). */
    public Uni<Void> seed(String keyId, long spent) {
        return redis.execute("SET", KEY_PREFIX + keyId, Long.toString(spent), "NX").replaceWithVoid();
    }

    /** Remembers that {@code jobId} counts {@code price} against {@code keyId}, for {@code ttl}. */
    public Uni<Void> rememberJob(String jobId, String keyId, long price, Duration ttl) {
        return redis.execute("SET", JOB_PREFIX + jobId, keyId + " " + price, "PX", Long.toString(ttl.toMillis()))
                .replaceWithVoid();
    }

    /** Gives back the price of {@code jobId} to its key, once; true if this call did. */
    public Uni<Boolean> giveBack(String jobId) {
        return TAKE_JOB.run(redis, JOB_PREFIX + jobId).flatMap(record -> {
            if (record == null) {
                return Uni.createFrom().item(false);
            }
            String[] parts = record.toString().split(" ", 2);
            return GIVE_BACK.run(redis, KEY_PREFIX + parts[0], parts[1]).replaceWith(true);
        });
    }

    /** The job stays counted for good (it succeeded): drop its record. */
    public Uni<Void> settle(String jobId) {
        return redis.execute("DEL", JOB_PREFIX + jobId).replaceWithVoid();
    }

    /** The key's counter, or null if it does not exist. */
    public Uni<Long> spent(String keyId) {
        return redis.execute("GET", KEY_PREFIX + keyId).map(r -> r == null ? null : r.toLong());
    }
}
