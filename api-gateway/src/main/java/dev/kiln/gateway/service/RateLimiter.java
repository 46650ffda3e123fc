package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.config.RateLimitConfig;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.persistence.RateLimitStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits per API key by the account's plan: requests per minute and per hour, both enforced
 * (plan catalogue defaults, overridable with {@code kiln.rate-limits.<plan>.*}). Counted in Redis
 * so the limits hold across all gateway replicas (GCRA, see {@link RateLimitStore}): a key may send
 * its per-minute limit at once (or {@code burst}), then one request every {@code 60 s / per-minute}.
 * The headers report the window closest to running out. If Redis does not answer in time the
 * request is let through (and logged): an outage of the limiter must not become an outage of the API.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long MICROS_PER_MINUTE = 60_000_000L;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

    /**
     * The answer for one request, for the window closest to running out.
     *
     * @param resetEpochSecond  when that window's full limit is available again (unix seconds)
     * @param retryAfterSeconds when refused: how long until a request is admitted again
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond,
                           long retryAfterSeconds) {
    }

    private final RateLimitStore store;
    private final Map<String, List<RateLimitStore.Bucket>> bucketsByPlan = new HashMap<>();
    private final Duration timeout;

    public RateLimiter(RateLimitStore store, PlanCatalogue plans, RateLimitConfig config, GatewayConfig gateway) {
        this.store = store;
        this.timeout = gateway.redisTimeout();
        for (String planId : config.plans().keySet()) {
            if (plans.find(planId).isEmpty()) {
                throw new IllegalStateException("kiln.rate-limits." + planId + " names no plan of the plan catalogue");
            }
        }
        for (PlanCatalogue.Plan plan : plans.all()) {
            RateLimitConfig.PlanLimit override = config.plans().get(plan.id());
            int perMinute = override == null ? plan.rateLimits().perMinute()
                    : override.requestsPerMinute().orElse(plan.rateLimits().perMinute());
            int perHour = override == null ? plan.rateLimits().perHour()
                    : override.requestsPerHour().orElse(plan.rateLimits().perHour());
            int burst = override == null ? perMinute : override.burst().orElse(perMinute);
            if (perMinute < 1 || perHour < 1 || burst < 1) {
                throw new IllegalStateException("kiln.rate-limits." + plan.id() + ".* must be at least 1");
            }
            bucketsByPlan.put(plan.id(), List.of(
                    new RateLimitStore.Bucket("1m", burst, Math.max(1, MICROS_PER_MINUTE / perMinute)),
                    new RateLimitStore.Bucket("1h", perHour, Math.max(1, MICROS_PER_HOUR / perHour))));
            LOG.debugf("Rate limits of plan %s: %d/min (burst %d), %d/h", plan.id(), perMinute, burst, perHour);
        }
    }

    /** Counts one request of {@code caller}; null when the limiter could not decide (request allowed). */
    public Uni<Decision> check(Caller caller) {
        List<RateLimitStore.Bucket> buckets = bucketsByPlan.get(caller.plan().id());
        return store.take(caller.keyHash(), buckets)
                .ifNoItem().after(timeout).fail()
                .map(verdict -> decide(buckets, verdict, System.currentTimeMillis() * 1000))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Rate limiter unavailable (%s); request allowed", e.toString());
                    return null;
                });
    }

    static Decision decide(List<RateLimitStore.Bucket> buckets, RateLimitStore.Verdict verdict, long nowMicros) {
        // the binding window: the one with the fewest requests left (refused: the one refusing longest)
        int binding = 0;
        for (int i = 1; i < buckets.size(); i++) {
            RateLimitStore.BucketState s = verdict.buckets().get(i);
            RateLimitStore.BucketState best = verdict.buckets().get(binding);
            if (s.remaining() < best.remaining()
                    || (s.remaining() == best.remaining() && !verdict.allowed() && s.resetAfterMicros() > best.resetAfterMicros())) {
                binding = i;
            }
        }
        RateLimitStore.Bucket bucket = buckets.get(binding);
        RateLimitStore.BucketState state = verdict.buckets().get(binding);
        long reset = ceilDiv(nowMicros + state.resetAfterMicros(), 1_000_000);
        return new Decision(verdict.allowed(), bucket.burst(),
                verdict.allowed() ? Math.max(0, Math.min(state.remaining(), bucket.burst())) : 0, reset,
                verdict.allowed() ? 0 : Math.max(1, ceilDiv(verdict.retryAfterMicros(), 1_000_000)));
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
