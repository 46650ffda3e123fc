package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 403: the feature is not available on the account's plan. */
public class PlanRestrictedException extends KilnException {
    private static final long serialVersionUID = 1L;

    public PlanRestrictedException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
