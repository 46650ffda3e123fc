package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A worker began a job. Topic {@link dev.kiln.contracts.Topics#GENERATION_RESULTS}, key = job id. */
public record GenerationStarted(UUID eventId, Instant occurredAt, String jobId, String accountId,
                                String pool, String worker)
        implements KilnEvent {
}
