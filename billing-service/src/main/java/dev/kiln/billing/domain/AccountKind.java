package dev.kiln.billing.domain;

/** What a ledger account stands for. Customer accounts may never be overdrawn; platform accounts are their counterparties. */
public enum AccountKind {
    /** A customer's plan credits: granted per plan period, expire (or roll over) at the period's end. */
    CUSTOMER_PLAN(true),
    /** A customer's top-ups (operator grants): do not expire unless configured. */
    CUSTOMER_TOPUP(true),
    /** Credits captured for finished jobs. */
    REVENUE(false),
    /** Issuer of plan credits (debited for every plan grant). */
    PLAN_GRANTS(false),
    /** Issuer of top-ups (debited for every operator grant). */
    TOPUPS(false),
    /** Unused credits that expired at a period's end. */
    EXPIRED(false);

    private final boolean customer;

    AccountKind(boolean customer) {
        this.customer = customer;
    }

    /** Customer accounts carry TigerBeetle's {@code debits_must_not_exceed_credits}. */
    public boolean customer() {
        return customer;
    }
}
