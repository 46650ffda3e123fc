package dev.kiln.gateway.domain;

/** The authenticated account of a {@code /v1} request. */
public record Caller(String accountId) {
}
