package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job moved to a new status; carries the whole job so consumers need no other source. Topic
 * {@link dev.kiln.contracts.Topics#JOB_STATUS}, key = job id.
 *
 * @param outputs      stored outputs (only when {@code succeeded})
 * @param errorCode    why it failed (only when {@code failed})
 * @param priceCredits credits held for the job
 * @param createdAt    when the job was submitted
 */
public record JobStatusChanged(UUID eventId, Instant occurredAt, String jobId, String accountId,
                               JobStatus status, JobSpec spec, String webhookUrl, List<Asset> outputs,
                               String errorCode, String errorMessage, long priceCredits,
                               Instant createdAt)
        implements KilnEvent {
    public JobStatusChanged {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
