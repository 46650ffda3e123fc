package dev.kiln.assets.rest;

/** The JSON body of every error response: a stable code and a human-readable message. */
public record ApiError(String error, String message) {
}
