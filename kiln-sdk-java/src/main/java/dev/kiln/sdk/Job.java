package dev.kiln.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * What every job has: {@link AiImage}, {@link AiVideo} and {@link TemplateImage}. A job moves {@code pending → processing → completed |
 * failed}; statuses are plain strings so that a newer API's statuses still read.
 */
public sealed interface Job permits AiImage, AiVideo, TemplateImage, TemplateVideo {
    String PENDING = "pending";
    String PROCESSING = "processing";
    /** The job ended with its output: the output URL is set. */
    String COMPLETED = "completed";
    String FAILED = "failed";
    /** Kiln's internal name of {@link #COMPLETED}; never sent by the API, read as successful if a proxy passes it on. */
    String SUCCEEDED = "succeeded";

    String uid();

    String status();

    /** Why the job failed; {@code null} unless {@code failed}. */
    JobError error();

    Instant createdAt();

    Instant updatedAt();

    /** {@code completed}: the output URL is set. */
    @JsonIgnore
    default boolean isCompleted() {
        return COMPLETED.equals(status()) || SUCCEEDED.equals(status());
    }

    /** {@code failed}: see {@link #error()}; its credits were released. */
    @JsonIgnore
    default boolean isFailed() {
        return FAILED.equals(status());
    }

    /** The job will not change any more. */
    @JsonIgnore
    default boolean isTerminal() {
        return isCompleted() || isFailed();
    }
}
