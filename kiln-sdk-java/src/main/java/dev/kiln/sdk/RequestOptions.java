package dev.kiln.sdk;

import java.time.Duration;

/**
 * Per-call options: {@code RequestOptions.idempotencyKey("order-42")}.
 *
 * @param idempotencyKey sent as {@code Idempotency-Key} on a create: repeating the create with the same key returns
 *                       the answer to the first one (same job, no second charge); while the first is still being
 *                       answered it is a {@link ConflictException} (409); a key reused for a different request is an
 *                       {@link IdempotencyKeyReusedException} (422). {@code null} sends none.
 * @param timeout        this call's request timeout instead of the client's; {@code null} keeps the client's
 */
public record RequestOptions(String idempotencyKey, Duration timeout) {
    private static final RequestOptions NONE = new RequestOptions(null, null);

    public static RequestOptions none() {
        return NONE;
    }

    public static RequestOptions idempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("An idempotency key must not be blank");
        }
        return new RequestOptions(key, null);
    }

    public static RequestOptions timeout(Duration timeout) {
        return NONE.withTimeout(timeout);
    }

    /** A copy with this request timeout. */
    public RequestOptions withTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("The timeout must be positive");
        }
        return new RequestOptions(idempotencyKey, timeout);
    }
}
