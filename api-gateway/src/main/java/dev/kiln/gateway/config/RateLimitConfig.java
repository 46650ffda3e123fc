package dev.kiln.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Overrides of the per-API-key rate limits of a plan ({@code kiln.rate-limits.<plan>.*}). Anything
 * not set here comes from the plan catalogue ({@code kiln/plans.json} in platform-contracts).
 */
@ConfigMapping(prefix = "kiln.rate-limits")
public interface RateLimitConfig {

    /** Overrides by plan id ({@code free}, {@code automate}, {@code scale}, {@code enterprise}). */
    @WithParentName
    Map<String, PlanLimit> plans();

    /** The overrides of one plan. */
    interface PlanLimit {
        /** Requests per minute per API key (default: the catalogue's {@code per_minute}). */
        OptionalInt requestsPerMinute();

        /** Requests per hour per API key (default: the catalogue's {@code per_hour}). */
        OptionalInt requestsPerHour();

        /**
         * Requests a key may send at once within the per-minute limit after being idle (default:
         * the per-minute limit).
         */
        OptionalInt burst();
    }
}
