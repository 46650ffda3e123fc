package dev.kiln.contracts.ledger;

import java.util.Set;

/**
 * CloudEvent {@code type}s on the ledger topic ({@link dev.kiln.contracts.Topics#LEDGER}). Each event
 * reports one transfer of the double-entry ledger, except {@link #HOLD_SETTLED_AFTER_EXPIRY}, which
 * moves nothing and flags a job that ended after its hold had expired.
 */
public final class LedgerEventTypes {
    /** A pending transfer (hold) was created for a job: customer → revenue, pending. */
    public static final String HOLD_CREATED = "kiln.billing.hold.created";
    /** A hold was posted (captured); an amount below the held one returns the rest. */
    public static final String HOLD_POSTED = "kiln.billing.hold.posted";
    /** A hold was voided (released): the job failed. */
    public static final String HOLD_VOIDED = "kiln.billing.hold.voided";
    /** A hold passed its TTL without its job ending and was voided by the sweep. */
    public static final String HOLD_EXPIRED = "kiln.billing.hold.expired";
    /** A job ended after its hold had expired; nothing was captured (no money moves). */
    public static final String HOLD_SETTLED_AFTER_EXPIRY = "kiln.billing.hold.settled_after_expiry";
    /** Credits were granted: a plan period's credits or an operator's top-up. */
    public static final String CREDITS_GRANTED = "kiln.billing.credits.granted";
    /** Unused credits expired at the end of a plan period. */
    public static final String CREDITS_EXPIRED = "kiln.billing.credits.expired";

    public static final Set<String> ALL = Set.of(HOLD_CREATED, HOLD_POSTED, HOLD_VOIDED, HOLD_EXPIRED,
            HOLD_SETTLED_AFTER_EXPIRY, CREDITS_GRANTED, CREDITS_EXPIRED);

    private LedgerEventTypes() {
    }
}
