package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 400 Bad Request (also 413 and 422): invalid request parameters; the message names the field and the allowed values. */
public class ValidationException extends KilnException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
