package dev.kiln.gateway.messaging;

import dev.kiln.gateway.service.JobWaits;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness stays DOWN until the job end consumer owns its partitions: a {@code Prefer: wait}
 * request accepted before that could miss its job's end (it would then answer with the read model
 * when the wait runs out, later than needed).
 */
@Readiness
@ApplicationScoped
public class JobWaitsReadiness implements HealthCheck {
    private final JobWaits waits;

    public JobWaitsReadiness(JobWaits waits) {
        this.waits = waits;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-status-waits")
                .status(waits.listening())
                .withData("assigned_partitions", waits.assignedPartitionCount())
                .withData("waiting_requests", waits.inFlight())
                .build();
    }
}
