package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 401: the API key is invalid, revoked or missing. */
public class AuthenticationException extends KilnException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
