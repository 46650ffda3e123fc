package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator granted an account extra credits. Billing raises the account's quota once per
 * {@code grantId} (ledger entry id {@code EventIds.of(accountId, "grant:" + grantId)}) and records a
 * {@code grant} entry. Topic {@link dev.kiln.contracts.Topics#ACCOUNTS}, key = account id, so a grant
 * is always read after the account's {@link AccountOpened}.
 *
 * @param eventId {@code EventIds.of(grantId, "granted")}
 * @param jobId   always null (an account-level event)
 * @param credits credits added to the quota (positive)
 * @param reason  why, for the ledger's readers
 * @param grantId unique id of the grant ({@code grant_…}); the same grant is applied at most once
 */
public record CreditsGranted(UUID eventId, Instant occurredAt, String jobId, String accountId, long credits,
                             String reason, String grantId) implements KilnEvent {
}
