package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ErrorType;

/** The native error JSON: {@code {"error": "ValidationError", "message": "...", "status": 400}}. */
public record ErrorBody(String error, String message, int status) {
    public static ErrorBody of(ErrorType type, String message) {
        return new ErrorBody(type.exceptionName(), message, type.status());
    }
}
