package dev.kiln.gateway.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Rate limit buckets in Redis, shared by every gateway replica: GCRA (generic cell rate algorithm,
 * as in redis-gcra / throttled) in one atomic Lua script. A bucket is a single key holding its
 * "theoretical arrival time" (TAT) in microseconds of Redis' own clock ({@code TIME}), so replica
 * clocks never matter; it expires once the bucket is full again. Several buckets (e.g. per minute
 * and per hour) are checked together: a request is counted in all of them or in none.
 */
@ApplicationScoped
public class RateLimitStore {
    static final String KEY_PREFIX = "kiln:gateway:ratelimit:";

    /**
     * KEYS[i] bucket i; ARGV[1] cost, ARGV[2i] burst of bucket i, ARGV[2i+1] its emission interval
     * (µs per request). Returns {allowed 0|1, retry_after µs, then per bucket: remaining, reset_after
     * µs (until that bucket is full again)}. Integral microseconds are exact in Lua's doubles.
     */
    private static final RedisScript GCRA = new RedisScript("""
            local cost = tonumber(ARGV[1])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local allowed, retry = 1, 0
            local out, new_tats = {}, {}
            for i = 1, #KEYS do
              local burst = tonumber(ARGV[2 * i])
              local interval = tonumber(ARGV[2 * i + 1])
              local tat = tonumber(redis.call('GET', KEYS[i]) or now) or now
              if tat < now then tat = now end
              local new_tat = tat + interval * cost
              local diff = now - (new_tat - interval * burst)
              if diff < 0 then
                allowed = 0
                if -diff > retry then retry = -diff end
                out[#out + 1] = 0
                out[#out + 1] = tat - now
              else
                out[#out + 1] = math.floor(diff / interval)
                out[#out + 1] = new_tat - now
              end
              new_tats[i] = new_tat
            end
            if allowed == 1 then
              for i = 1, #KEYS do
                redis.call('SET', KEYS[i], string.format('%.0f', new_tats[i]), 'PX',
                  math.max(1, math.ceil((new_tats[i] - now) / 1000)))
              end
            end
            local result = {allowed, retry}
            for i = 1, #out do result[#result + 1] = out[i] end
            return result
            """);

    /** One bucket: {@code burst} requests at once, then one per {@code intervalMicros}. */
    public record Bucket(String name, long burst, long intervalMicros) {
    }

    /** The state of one bucket after the request. */
    public record BucketState(long remaining, long resetAfterMicros) {
    }

    /** The verdict over all buckets; {@code buckets} in the order given. */
    public record Verdict(boolean allowed, long retryAfterMicros, List<BucketState> buckets) {
    }

    private final ReactiveRedisDataSource redis;

    public RateLimitStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Takes one request from every bucket of {@code subject}, or from none if any is empty. */
    public Uni<Verdict> take(String subject, List<Bucket> buckets) {
        String[] keys = new String[buckets.size()];
        String[] args = new String[1 + 2 * buckets.size()];
        args[0] = "1";
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            keys[i] = KEY_PREFIX + "{" + subject + "}:" + b.name(); // one hash slot per subject
            args[1 + 2 * i] = Long.toString(b.burst());
            args[2 + 2 * i] = Long.toString(b.intervalMicros());
        }
        return GCRA.run(redis, keys, args).map(r -> {
            List<BucketState> states = new ArrayList<>(buckets.size());
            for (int i = 0; i < buckets.size(); i++) {
                states.add(new BucketState(r.get(2 + 2 * i).toLong(), r.get(3 + 2 * i).toLong()));
            }
            return new Verdict(r.get(0).toLong() == 1, r.get(1).toLong(), states);
        });
    }
}
