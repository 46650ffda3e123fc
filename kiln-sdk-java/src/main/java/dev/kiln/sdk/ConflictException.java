package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 409 {@code ConflictError}: the request conflicts with another one, e.g. a create with the same Idempotency-Key is still in flight; retry later with the same key. */
public class ConflictException extends KilnException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
