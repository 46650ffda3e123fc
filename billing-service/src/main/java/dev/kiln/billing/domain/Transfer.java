package dev.kiln.billing.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One immutable transfer: {@code amount} from {@code debitAccount} to {@code creditAccount}. Its
 * {@code type} is the ledger CloudEvent type ({@link dev.kiln.contracts.ledger.LedgerEventTypes}).
 * For post / void / expire, {@code pendingId} names the hold's pending transfer and
 * {@code heldAmount} what it held; for a post, {@code amount} is what was captured.
 */
public record Transfer(UUID id, String type, String debitAccount, String creditAccount, long amount,
                       UUID pendingId, Long heldAmount, String customerId, String jobId, String model,
                       String reason, long sequence, Instant createdAt) {
}
