package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * An AI video job as the public API shows it (snake_case on the wire).
 *
 * @param credits  the job's price in credits
 * @param videoUrl signed, expiring URL of the video; only when {@code completed}
 * @param error    why it failed; only when {@code failed}
 */
@Schema(name = "VideoJob", description = "An AI video job", example = ApiExamples.VIDEO_JOB)
public record VideoJobView(
        @Schema(description = "Job id", example = "vid_3k5m7n9p2q4r6s8t2v4w6x8y") String uid,
        @Schema(enumeration = {"pending", "processing", "completed", "failed"}) String status,
        String prompt, String model, String aspectRatio, String resolution, String duration,
        Integer width, Integer height,
        @Schema(description = "The job's price in credits") long credits,
        @Schema(description = "Signed, expiring URL of the video; only when completed", nullable = true) String videoUrl,
        @Schema(description = "Why it failed; only when failed", nullable = true) JobView.JobError error,
        String webhookUrl, Instant createdAt, Instant updatedAt) {
}
