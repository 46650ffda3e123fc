package dev.kiln.billing.domain;

/** A hold (pending transfer) is resolved at most once: posted, voided or expired. */
public enum HoldState {
    PENDING, POSTED, VOIDED, EXPIRED;

    public boolean resolved() {
        return this != PENDING;
    }
}
