package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A new account exists. Billing opens its credit account with {@code initialCredits}; the webhook
 * dispatcher keeps {@code webhookSecret} to sign the account's callbacks. Topic
 * {@link dev.kiln.contracts.Topics#ACCOUNTS}, key = account id.
 */
public record AccountOpened(UUID eventId, Instant occurredAt, String jobId, String accountId,
                            String name, String plan, long initialCredits, String webhookSecret)
        implements KilnEvent {
}
