package dev.kiln.webhooks.service;

import dev.kiln.webhooks.config.WebhooksConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** When to try a failed delivery again (the configured schedule plus jitter), and when to give up. */
public class RetryPolicy {
    private final List<Duration> schedule;
    private final double jitter;

    public RetryPolicy(WebhooksConfig config) {
        this(config.retrySchedule(), config.retryJitter());
    }

    public RetryPolicy(List<Duration> schedule, double jitter) {
        this.schedule = List.copyOf(schedule);
        this.jitter = Math.max(0, jitter);
    }

    /**
     * The wait after the {@code failedAttempts}-th failed attempt, or null if that was the last one.
     */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return null;
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        long spread = (long) (base * jitter);
        return Duration.ofMillis(base + (spread > 0 ? ThreadLocalRandom.current().nextLong(spread + 1) : 0));
    }

    /** Attempts a delivery gets in total. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }
}
