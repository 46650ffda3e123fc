package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A job as the public API shows it (snake_case on the wire).
 *
 * @param credits  the job's price in credits
 * @param imageUrl signed, expiring URL of the first output; only when {@code completed}
 * @param error    why it failed; only when {@code failed}
 */
@Schema(name = "ImageJob", description = "An AI image job", example = ApiExamples.IMAGE_JOB)
public record JobView(
        @Schema(description = "Job id", example = "img_7hq2m4xkz3c5v6b7n8p9r2s3") String uid,
        @Schema(enumeration = {"pending", "processing", "completed", "failed"}) String status,
        String prompt, String model, String aspectRatio, String imageSize,
        @Schema(description = "Output width in pixels") Integer width,
        @Schema(description = "Output height in pixels") Integer height,
        @Schema(description = "The job's price in credits", example = "4") long credits,
        @Schema(description = "Signed, expiring URL of the image; only when completed", nullable = true) String imageUrl,
        @Schema(description = "Why it failed; only when failed", nullable = true) JobError error,
        String webhookUrl, Instant createdAt, Instant updatedAt) {

    /** The error object of a failed job. */
    @Schema(name = "JobError", description = "Why a job failed")
    public record JobError(@Schema(example = "generation_failed") String code,
                           @Schema(example = "The model refused the prompt") String message) {
    }
}
