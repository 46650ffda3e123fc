package dev.kiln.contracts.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of a ledger CloudEvent: one immutable transfer between two ledger accounts.
 * Ledger account ids: {@code <account>:plan} and {@code <account>:topup} (a customer's expiring plan
 * credits and its non-expiring top-ups), {@code platform:revenue}, {@code platform:plan-grants},
 * {@code platform:topups}, {@code platform:expired}.
 *
 * @param transferId    the transfer id (= the CloudEvent id), derived from the job or grant id and the phase
 * @param accountId     the Kiln account (= the CloudEvent subject)
 * @param jobId         the job, null for grants and expiries
 * @param debitAccount  ledger account debited
 * @param creditAccount ledger account credited
 * @param amount        credits moved (0 only for {@code hold.settled_after_expiry})
 * @param pendingId     for post / void / expire: the id of the pending transfer (hold) it resolves
 * @param heldAmount    for post / void / expire: the amount the hold held
 * @param price         price snapshot of the job, null for grants and expiries
 * @param reason        grants: why; {@code plan_period} for a period's plan credits
 * @param balance       the customer's balance after this transfer
 * @param sequence      per-account sequence number, strictly increasing by one per event
 * @param postedAt      when the transfer was committed
 */
public record TransferData(UUID transferId, String accountId, String jobId, String debitAccount,
                           String creditAccount, long amount, UUID pendingId, Long heldAmount,
                           PriceSnapshot price, String reason, LedgerBalance balance, long sequence,
                           Instant postedAt) {
}
