package dev.kiln.billing.domain;

import dev.kiln.contracts.events.Balance;

/**
 * An account's credits and the rules that move them. Immutable: every movement returns the
 * credits after it. {@code available = quota - used - held} never becomes negative.
 *
 * <p>The four movements map one to one onto the transfers of a double-entry ledger with pending
 * transfers: {@link #grant} credits the account, {@link #hold} opens a pending transfer,
 * {@link #capture} posts it and {@link #release} voids it.
 *
 * @param quota credits granted to the account
 * @param used  credits captured by finished jobs
 * @param held  credits reserved by running jobs
 */
public record Credits(long quota, long used, long held) {

    public Credits {
        if (quota < 0 || used < 0 || held < 0 || quota - used - held < 0) {
            throw new IllegalStateException("Invalid credits: quota=" + quota + " used=" + used + " held=" + held);
        }
    }

    /** A new account's credits: nothing used or held yet. */
    public static Credits opened(long quota) {
        return new Credits(quota, 0, 0);
    }

    public long available() {
        return quota - used - held;
    }

    /** Whether {@code amount} can be held now. */
    public boolean canHold(long amount) {
        return amount >= 0 && amount <= available();
    }

    /** Adds {@code amount} to the quota. */
    public Credits grant(long amount) {
        requireNonNegative(amount);
        return new Credits(Math.addExact(quota, amount), used, held);
    }

    /** Reserves {@code amount} for a job; fails if it is not available. */
    public Credits hold(long amount) {
        if (!canHold(amount)) {
            throw new InsufficientCreditsException(amount, available());
        }
        return new Credits(quota, used, held + amount);
    }

    /** The job succeeded: its held {@code amount} becomes used. */
    public Credits capture(long amount) {
        requireHeld(amount);
        return new Credits(quota, used + amount, held - amount);
    }

    /** The job failed: its held {@code amount} becomes available again. */
    public Credits release(long amount) {
        requireHeld(amount);
        return new Credits(quota, used, held - amount);
    }

    public Balance balance() {
        return new Balance(quota, used, held, available());
    }

    private void requireHeld(long amount) {
        requireNonNegative(amount);
        if (amount > held) {
            throw new IllegalStateException("Cannot settle " + amount + " credits; only " + held + " held");
        }
    }

    private static void requireNonNegative(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("Negative amount " + amount);
        }
    }

    /** The account cannot cover a hold. */
    public static final class InsufficientCreditsException extends IllegalStateException {
        private final long required;
        private final long available;

        public InsufficientCreditsException(long required, long available) {
            super("Insufficient credits: required " + required + ", available " + available);
            this.required = required;
            this.available = available;
        }

        public long required() {
            return required;
        }

        public long available() {
            return available;
        }
    }
}
