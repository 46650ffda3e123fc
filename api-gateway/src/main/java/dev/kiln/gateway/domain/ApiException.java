package dev.kiln.gateway.domain;

/** A request the API answers with one of the native errors; mapped to JSON in {@code rest/}. */
public class ApiException extends RuntimeException {
    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    public static ApiException validation(String message) {
        return new ApiException(ErrorType.VALIDATION, message);
    }

    public static ApiException authentication(String message) {
        return new ApiException(ErrorType.AUTHENTICATION, message);
    }

    public static ApiException quotaExceeded(String message) {
        return new ApiException(ErrorType.QUOTA_EXCEEDED, message);
    }

    public static ApiException planRestricted(String message) {
        return new ApiException(ErrorType.PLAN_RESTRICTED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorType.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorType.CONFLICT, message);
    }

    public static ApiException idempotencyKeyReused(String message) {
        return new ApiException(ErrorType.IDEMPOTENCY_KEY_REUSED, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorType.NOT_FOUND, message);
    }

    public static ApiException serviceUnavailable(String message) {
        return new ApiException(ErrorType.SERVICE_UNAVAILABLE, message);
    }
}
