package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/**
 * 422 {@code IdempotencyKeyReusedError}: the {@code Idempotency-Key} was already used for a different request
 * (another body or endpoint). A {@link ValidationException}: use a new key for a new request.
 */
public class IdempotencyKeyReusedException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String message, int status, String errorType, String rawBody,
                                         Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers);
    }
}
