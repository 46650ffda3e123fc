package dev.kiln.sdk;

import java.time.Instant;

/**
 * A template image job ({@code /images}); fields unknown to this SDK version are ignored.
 *
 * @param uid        {@code img_…}
 * @param status     {@code pending}, {@code processing}, {@code completed} or {@code failed}
 * @param template   the template's slug
 * @param width      output width in pixels (the template's canvas)
 * @param height     output height in pixels
 * @param credits    the job's price in credits
 * @param imageUrl   signed, expiring URL of the PNG; only when {@code completed}
 * @param error      only when {@code failed}
 * @param webhookUrl where the finished job is POSTed, or {@code null}
 */
public record TemplateImage(String uid, String status, String template, Integer width, Integer height, long credits,
                            String imageUrl, JobError error, String webhookUrl, Instant createdAt,
                            Instant updatedAt) implements Job {
}
