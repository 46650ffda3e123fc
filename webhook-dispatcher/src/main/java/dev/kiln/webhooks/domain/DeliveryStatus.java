package dev.kiln.webhooks.domain;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being attempted under a lease). */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed, or the URL can never be delivered to. */
    FAILED
}
