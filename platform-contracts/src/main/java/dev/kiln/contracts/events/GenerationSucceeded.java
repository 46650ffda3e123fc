package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A worker stored the job's outputs. Topic {@link dev.kiln.contracts.Topics#GENERATION_RESULTS},
 * key = job id.
 */
public record GenerationSucceeded(UUID eventId, Instant occurredAt, String jobId, String accountId,
                                  String pool, List<Asset> outputs)
        implements KilnEvent {
    public GenerationSucceeded {
        outputs = List.copyOf(outputs);
    }
}
