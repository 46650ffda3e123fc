package dev.kiln.billing.domain;

/** A movement would break a ledger invariant; the transaction that tried it must roll back. */
public class LedgerInvariantException extends IllegalStateException {
    public LedgerInvariantException(String message) {
        super(message);
    }
}
