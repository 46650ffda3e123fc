package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Billing refused to hold the job's price; the job never runs. Topic
 * {@link dev.kiln.contracts.Topics#RESERVATIONS}, key = job id.
 *
 * @param reason    {@code insufficient_credits}, {@code unknown_account} or {@code expired}
 * @param required  credits the job needed
 * @param available credits the account had
 */
public record ReservationRejected(UUID eventId, Instant occurredAt, String jobId, String accountId,
                                  String reason, long required, long available)
        implements KilnEvent {
    public static final String INSUFFICIENT_CREDITS = "insufficient_credits";
    public static final String UNKNOWN_ACCOUNT = "unknown_account";
    public static final String EXPIRED = "expired";
}
