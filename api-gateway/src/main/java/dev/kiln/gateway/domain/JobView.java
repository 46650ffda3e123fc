package dev.kiln.gateway.domain;

import java.time.Instant;

/**
 * A job as the public API shows it (snake_case on the wire).
 *
 * @param credits  the job's price in credits
 * @param imageUrl signed, expiring URL of the first output; only when {@code succeeded}
 * @param error    why it failed; only when {@code failed}
 */
public record JobView(String uid, String status, String prompt, String model, String aspectRatio,
                      String imageSize, Integer width, Integer height, long credits, String imageUrl,
                      JobError error, String webhookUrl, Instant createdAt, Instant updatedAt) {

    /** The error object of a failed job. */
    public record JobError(String code, String message) {
    }
}
