package dev.kiln.workers.domain;

/** The error codes a worker writes into {@code generation.failed} events. */
public final class ErrorCodes {
    /** The generator could not (or was told not to) produce the output. */
    public static final String GENERATION_FAILED = "generation_failed";
    /** The output was produced but could not be stored in S3, even after retries. */
    public static final String STORAGE_FAILED = "storage_failed";
    /** Anything unexpected. */
    public static final String INTERNAL_ERROR = "internal_error";

    private ErrorCodes() {
    }
}
