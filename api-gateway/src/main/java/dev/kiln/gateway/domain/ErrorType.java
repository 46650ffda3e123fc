package dev.kiln.gateway.domain;

/** The native error model: every error answer is {@code {"error": name, "message": ..., "status": status}}. */
public enum ErrorType {
    VALIDATION("ValidationError", 400),
    AUTHENTICATION("AuthenticationError", 401),
    QUOTA_EXCEEDED("QuotaExceededError", 402),
    PLAN_RESTRICTED("PlanRestrictedError", 403),
    /** The caller may see the resource but not change it (e.g. a built-in template). */
    FORBIDDEN("ForbiddenError", 403),
    NOT_FOUND("NotFoundError", 404),
    CONFLICT("ConflictError", 409),
    PAYLOAD_TOO_LARGE("PayloadTooLargeError", 413),
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReusedError", 422),
    RATE_LIMIT("RateLimitError", 429),
    INTERNAL("InternalError", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailableError", 503);

    private final String exceptionName;
    private final int status;

    ErrorType(String exceptionName, int status) {
        this.exceptionName = exceptionName;
        this.status = status;
    }

    /** The name clients match on, e.g. {@code QuotaExceededError}. */
    public String exceptionName() {
        return exceptionName;
    }

    public int status() {
        return status;
    }
}
