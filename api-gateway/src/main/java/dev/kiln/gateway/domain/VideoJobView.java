package dev.kiln.gateway.domain;

import java.time.Instant;

/**
 * An AI video job as the public API shows it (snake_case on the wire).
 *
 * @param credits  the job's price in credits
 * @param videoUrl signed, expiring URL of the video; only when {@code succeeded}
 * @param error    why it failed; only when {@code failed}
 */
public record VideoJobView(String uid, String status, String prompt, String model, String aspectRatio,
                           String resolution, String duration, Integer width, Integer height, long credits,
                           String videoUrl, JobView.JobError error, String webhookUrl, Instant createdAt,
                           Instant updatedAt) {
}
