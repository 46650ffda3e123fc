package dev.kiln.sdk;

import java.util.List;
import java.util.Map;

/** 503: Kiln could not answer in time (e.g. billing did not reserve the credits in time; such a job is never run or charged). Safe to retry, see {@link #retryAfter()}. */
public class ServiceUnavailableException extends KilnException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message, int status, String errorType, String rawBody, Map<String, List<String>> headers) {
        super(message, status, errorType, rawBody, headers, null);
    }
}
