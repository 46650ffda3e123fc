package dev.kiln.workers.domain;

/** A generation that failed for a reason worth reporting to the caller, with a stable error code. */
public class GenerationException extends RuntimeException {
    private final String errorCode;

    public GenerationException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public GenerationException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
