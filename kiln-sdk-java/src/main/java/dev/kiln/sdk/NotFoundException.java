package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 404: no such resource for this account (another account's job is not found either). */
public class NotFoundException extends KilnException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
