package dev.kiln.sdk;

/**
 * Why a job failed.
 *
 * @param code    machine-readable, e.g. {@code generation_failed}
 * @param message human-readable
 */
public record JobError(String code, String message) {
}
