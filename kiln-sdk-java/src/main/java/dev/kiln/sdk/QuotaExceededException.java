package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 402: the account's credits do not cover the job (nothing was created or charged). */
public class QuotaExceededException extends KilnException {
    private static final long serialVersionUID = 1L;

    public QuotaExceededException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
