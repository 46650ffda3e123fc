package dev.kiln.contracts.ledger;

/**
 * A customer's credits after a transfer, summed over its ledger accounts (plan and top-up).
 *
 * @param available   credits that can be held now: {@code posted - pending}
 * @param pending     credits held by jobs still running
 * @param posted      credits the customer owns: granted minus captured minus expired
 * @param periodUsed  credits captured during the current plan period plus {@code pending}
 * @param periodStart start of the current plan period
 * @param periodEnd   end of the current plan period (exclusive)
 */
public record LedgerBalance(long available, long pending, long posted, long periodUsed,
                            java.time.Instant periodStart, java.time.Instant periodEnd) {
    /** What the native API calls {@code api_quota}: used this period plus still available. */
    public long periodQuota() {
        return periodUsed + available;
    }
}
