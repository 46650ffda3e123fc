package dev.kiln.orchestrator.service;

import dev.kiln.orchestrator.config.OrchestratorConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Fails jobs that stopped moving: pending or processing without a status change for
 * {@code kiln.orchestrator.job-timeout}. The failed status makes billing release the credits.
 * Safe on several replicas at once (rows are claimed with {@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class TimeoutSweep {
    private final JobLifecycle lifecycle;
    private final OrchestratorConfig config;

    public TimeoutSweep(JobLifecycle lifecycle, OrchestratorConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(every = "${kiln.orchestrator.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        Instant cutoff = Instant.now().minus(config.jobTimeout());
        String message = "Job did not finish within " + config.jobTimeout().toString().substring(2).toLowerCase();
        int batch = config.sweepBatchSize();
        int failed;
        do {
            failed = QuarkusTransaction.requiringNew().call(() -> lifecycle.timeOutStuckJobs(cutoff, message, batch));
        } while (failed == batch);
    }
}
