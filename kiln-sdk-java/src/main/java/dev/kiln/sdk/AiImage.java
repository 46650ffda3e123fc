package dev.kiln.sdk;

import java.time.Instant;

/**
 * An AI image job ({@code /ai/images}); fields unknown to this SDK version are ignored.
 *
 * @param uid         {@code img_…}
 * @param status      {@code pending}, {@code processing}, {@code completed} or {@code failed}
 * @param aspectRatio e.g. {@code 16:9}
 * @param imageSize   e.g. {@code 1K}
 * @param width       output width in pixels
 * @param height      output height in pixels
 * @param credits     the job's price in credits
 * @param imageUrl    signed, expiring URL of the image; only when {@code completed}
 * @param error       only when {@code failed}
 * @param webhookUrl  where the finished job is POSTed, or {@code null}
 */
public record AiImage(String uid, String status, String prompt, String model, String aspectRatio,
                      String imageSize, Integer width, Integer height, long credits, String imageUrl,
                      JobError error, String webhookUrl, Instant createdAt, Instant updatedAt) implements Job {
}
