package dev.kiln.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the transactional outbox. */
@ConfigMapping(prefix = "kiln.outbox")
public interface OutboxConfig {

    /** Most rows published in one relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How often the sweeper looks for rows that were not published right after their commit (crash recovery). */
    @WithDefault("1s")
    Duration sweepInterval();

    /** How long to wait for Kafka to acknowledge a batch before the relay gives up and retries later. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** How long published rows are kept (for inspection) before they are deleted. */
    @WithDefault("1h")
    Duration retention();
}
