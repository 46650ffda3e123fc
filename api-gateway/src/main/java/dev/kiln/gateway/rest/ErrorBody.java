package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.domain.ErrorType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The native error JSON: {@code {"error": "ValidationError", "message": "...", "status": 400}}. */
@Schema(name = "Error", description = "Every error answer", example = ApiExamples.ERROR)
public record ErrorBody(
        @Schema(description = "The error's name", enumeration = {"ValidationError", "AuthenticationError",
                "QuotaExceededError", "PlanRestrictedError", "ForbiddenError", "NotFoundError", "ConflictError", "PayloadTooLargeError",
                "IdempotencyKeyReusedError", "RateLimitError", "InternalError", "ServiceUnavailableError"}) String error,
        @Schema(description = "What went wrong, for humans") String message,
        @Schema(description = "The HTTP status", example = "402") int status) {
    public static ErrorBody of(ErrorType type, String message) {
        return new ErrorBody(type.exceptionName(), message, type.status());
    }
}
