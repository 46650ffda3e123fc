package dev.kiln.billing.domain;

import dev.kiln.contracts.ledger.PriceSnapshot;

import java.time.Instant;
import java.util.UUID;

/**
 * The credits held for one job: up to two pending transfers (plan credits first, then top-ups),
 * the price snapshot taken at submit, and its state. Mutable inside one transaction's {@link LedgerBook}.
 */
public final class Hold {
    private final String jobId;
    private final String customerId;
    private final long planAmount;
    private final long topupAmount;
    private final UUID planTransfer;
    private final UUID topupTransfer;
    private final PriceSnapshot price;
    private final Instant createdAt;
    private final Instant expiresAt;
    private HoldState state;
    private long captured;
    private Instant resolvedAt;
    private final boolean isNew;
    private boolean dirty;

    public Hold(String jobId, String customerId, long planAmount, long topupAmount, UUID planTransfer,
                UUID topupTransfer, PriceSnapshot price, Instant createdAt, Instant expiresAt, HoldState state,
                long captured, Instant resolvedAt, boolean isNew) {
        this.jobId = jobId;
        this.customerId = customerId;
        this.planAmount = planAmount;
        this.topupAmount = topupAmount;
        this.planTransfer = planTransfer;
        this.topupTransfer = topupTransfer;
        this.price = price;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.state = state;
        this.captured = captured;
        this.resolvedAt = resolvedAt;
        this.isNew = isNew;
        this.dirty = isNew;
    }

    void resolve(HoldState to, long captured, Instant at) {
        if (state.resolved()) {
            throw new LedgerInvariantException("Hold of " + jobId + " is already " + state);
        }
        this.state = to;
        this.captured = captured;
        this.resolvedAt = at;
        this.dirty = true;
    }

    public long amount() {
        return planAmount + topupAmount;
    }

    public String jobId() {
        return jobId;
    }

    public String customerId() {
        return customerId;
    }

    public long planAmount() {
        return planAmount;
    }

    public long topupAmount() {
        return topupAmount;
    }

    public UUID planTransfer() {
        return planTransfer;
    }

    public UUID topupTransfer() {
        return topupTransfer;
    }

    public PriceSnapshot price() {
        return price;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public HoldState state() {
        return state;
    }

    public long captured() {
        return captured;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public boolean isNew() {
        return isNew;
    }

    public boolean dirty() {
        return dirty;
    }
}
