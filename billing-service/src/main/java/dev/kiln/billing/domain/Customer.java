package dev.kiln.billing.domain;

import java.time.Instant;

/**
 * A Kiln account as billing sees it: its plan, the current plan period and the per-account
 * sequence of ledger events. Mutable inside one transaction's {@link LedgerBook}.
 */
public final class Customer {
    private final String accountId;
    private String plan;
    private long monthlyCredits;
    private Instant periodStart;
    private Instant periodEnd;
    private long periodCaptured;
    private long sequence;
    private final boolean isNew;
    private boolean dirty;

    public Customer(String accountId, String plan, long monthlyCredits, Instant periodStart, Instant periodEnd,
                    long periodCaptured, long sequence, boolean isNew) {
        this.accountId = accountId;
        this.plan = plan;
        this.monthlyCredits = monthlyCredits;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.periodCaptured = periodCaptured;
        this.sequence = sequence;
        this.isNew = isNew;
        this.dirty = isNew;
    }

    long nextSequence() {
        dirty = true;
        return ++sequence;
    }

    void captured(long amount) {
        dirty = true;
        periodCaptured = Math.addExact(periodCaptured, amount);
    }

    void newPeriod(Instant start, Instant end) {
        dirty = true;
        periodStart = start;
        periodEnd = end;
        periodCaptured = 0;
    }

    void changePlan(String plan, long monthlyCredits) {
        dirty = true;
        this.plan = plan;
        this.monthlyCredits = monthlyCredits;
    }

    public String accountId() {
        return accountId;
    }

    public String plan() {
        return plan;
    }

    public long monthlyCredits() {
        return monthlyCredits;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    /** Credits captured during the current period. */
    public long periodCaptured() {
        return periodCaptured;
    }

    public long sequence() {
        return sequence;
    }

    public boolean isNew() {
        return isNew;
    }

    public boolean dirty() {
        return dirty;
    }
}
