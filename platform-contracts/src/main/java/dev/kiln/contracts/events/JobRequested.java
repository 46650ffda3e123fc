package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The gateway accepted a valid request and asks billing to reserve its price. Topic
 * {@link dev.kiln.contracts.Topics#JOBS_REQUESTED}, key = account id (one account's requests are
 * reserved in order).
 *
 * @param priceCredits credits to hold, priced from the catalogue at submit time
 * @param webhookUrl   where to POST the finished job, or null
 * @param expiresAt    billing rejects the request if it reads it after this instant (the caller
 *                     has been told it failed by then, so it must never be charged)
 */
public record JobRequested(UUID eventId, Instant occurredAt, String jobId, String accountId,
                           JobSpec spec, long priceCredits, String webhookUrl, Instant expiresAt)
        implements KilnEvent {
}
