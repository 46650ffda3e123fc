package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Billing held the job's price; the job may run. Topic
 * {@link dev.kiln.contracts.Topics#RESERVATIONS}, key = job id.
 */
public record CreditsReserved(UUID eventId, Instant occurredAt, String jobId, String accountId,
                              long amount, Balance balance, JobRequested request)
        implements KilnEvent {
}
