package dev.kiln.gateway.messaging;

import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.gateway.service.JobWaits;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Job ends for requests held open by {@code Prefer: wait=N} ({@code kiln.jobs.status.v1}, channel
 * {@code job-status-waits}, one consumer group per replica, latest offset). Keeps no state, so
 * nothing needs deduplication.
 */
@ApplicationScoped
public class JobEndHandler {
    private final JobWaits waits;

    public JobEndHandler(JobWaits waits) {
        this.waits = waits;
    }

    @Incoming("job-status-waits")
    public void onStatus(KilnEvent event) {
        if (event instanceof JobStatusChanged changed) {
            waits.complete(changed);
        }
    }
}
