package dev.kiln.sdk;

/** The answer of {@code GET /auth}: {@code "Authenticated"}. */
public record AuthResult(String message) {
}
