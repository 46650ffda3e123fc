package dev.kiln.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Job lifecycle settings ({@code kiln.orchestrator.*}). */
@ConfigMapping(prefix = "kiln.orchestrator")
public interface OrchestratorConfig {

    /**
     * An unfinished job (pending or processing) whose status has not changed for this long is failed
     * with error code {@code timeout}, which makes billing release its credits.
     */
    @WithDefault("15m")
    Duration jobTimeout();

    /** How often the timeout sweep runs (read by the scheduler as {@code kiln.orchestrator.sweep-interval}). */
    @WithDefault("30s")
    Duration sweepInterval();

    /** Most jobs failed by the sweep in one transaction. */
    @WithDefault("100")
    int sweepBatchSize();
}
