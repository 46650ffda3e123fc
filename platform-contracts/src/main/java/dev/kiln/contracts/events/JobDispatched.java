package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The orchestrator hands a job to a worker pool. Topic {@link dev.kiln.contracts.Topics#dispatch(String)}
 * of the pool, key = job id.
 */
public record JobDispatched(UUID eventId, Instant occurredAt, String jobId, String accountId,
                            String pool, JobSpec spec)
        implements KilnEvent {
}
