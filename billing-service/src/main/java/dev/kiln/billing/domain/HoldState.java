package dev.kiln.billing.domain;

/** Life of a hold: {@code HELD} until the job finishes, then {@code CAPTURED} or {@code RELEASED}, once. */
public enum HoldState {
    HELD, CAPTURED, RELEASED;

    public boolean resolved() {
        return this != HELD;
    }
}
