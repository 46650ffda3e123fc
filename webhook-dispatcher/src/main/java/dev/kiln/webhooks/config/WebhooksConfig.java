package dev.kiln.webhooks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Settings of webhook delivery. */
@ConfigMapping(prefix = "kiln.webhooks")
public interface WebhooksConfig {

    /** How often the sender looks for due deliveries. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Most deliveries claimed by one poll. */
    @WithDefault("50")
    int batchSize();

    /** Most requests this replica has open at once; a poll claims nothing more while the limit is reached. */
    @WithDefault("200")
    int maxInFlight();

    /**
     * How long a claimed delivery is reserved for the replica that claimed it. If the replica dies
     * mid-request, another one retries the delivery after this time. Must exceed {@link #requestTimeout()}.
     */
    @WithDefault("60s")
    Duration lease();

    /** Time allowed for one request, from sending to the complete response. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Time allowed to open the TCP (and TLS) connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Delay before each retry: entry {@code n} is the wait after the {@code n}-th failed attempt.
     * A delivery makes {@code size + 1} attempts, then is {@code FAILED}. The default follows the
     * Standard Webhooks / Svix schedule.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Random spread added to each retry delay, as a fraction of it (0.1 = up to +10 %). */
    @WithDefault("0.1")
    double retryJitter();

    /** Lifetime of the signed {@code image_url} in a payload, counted from when the delivery is created. */
    @WithDefault("24h")
    Duration assetUrlTtl();
}
