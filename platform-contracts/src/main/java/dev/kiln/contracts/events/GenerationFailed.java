package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A worker could not produce the job. Topic {@link dev.kiln.contracts.Topics#GENERATION_RESULTS},
 * key = job id.
 *
 * @param errorCode    stable machine-readable code, e.g. {@code generation_failed}
 * @param errorMessage human-readable explanation
 */
public record GenerationFailed(UUID eventId, Instant occurredAt, String jobId, String accountId,
                               String pool, String errorCode, String errorMessage)
        implements KilnEvent {
}
