package dev.kiln.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * What every job has: {@link AiImage} and {@link AiVideo}. A job moves {@code pending → processing → succeeded |
 * failed}; statuses are plain strings so that a newer API's statuses still read.
 */
public sealed interface Job permits AiImage, AiVideo {
    String PENDING = "pending";
    String PROCESSING = "processing";
    String SUCCEEDED = "succeeded";
    String FAILED = "failed";
    /** Not sent by Kiln today; read as terminal (and successful) for forward compatibility. */
    String COMPLETED = "completed";

    String uid();

    String status();

    /** Why the job failed; {@code null} unless {@code failed}. */
    JobError error();

    Instant createdAt();

    Instant updatedAt();

    /** {@code succeeded} (or {@code completed}): the output URL is set. */
    @JsonIgnore
    default boolean isSucceeded() {
        return SUCCEEDED.equals(status()) || COMPLETED.equals(status());
    }

    /** {@code failed}: see {@link #error()}; its credits were released. */
    @JsonIgnore
    default boolean isFailed() {
        return FAILED.equals(status());
    }

    /** The job will not change any more. */
    @JsonIgnore
    default boolean isTerminal() {
        return isSucceeded() || isFailed();
    }
}
