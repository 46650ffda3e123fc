package dev.kiln.sdk;

import java.time.Instant;

/**
 * A template video job ({@code /videos}); fields unknown to this SDK version are ignored.
 *
 * @param uid           {@code vid_…}
 * @param status        {@code pending}, {@code processing}, {@code completed} or {@code failed}
 * @param template      the template's slug
 * @param inputMediaUrl the video (or still image) the template's layers are drawn over, as sent
 * @param audioUrl      the background audio, as sent, or {@code null}
 * @param audioMode     {@code replace} or {@code mix}
 * @param width         output width in pixels (the template's canvas)
 * @param height        output height in pixels
 * @param credits       the job's price in credits
 * @param videoUrl      signed, expiring URL of the H.264 MP4; only when {@code completed}
 * @param error         only when {@code failed}
 * @param webhookUrl    where the finished job is POSTed, or {@code null}
 */
public record TemplateVideo(String uid, String status, String template, String inputMediaUrl, String audioUrl,
                            String audioMode, Integer width, Integer height, long credits, String videoUrl,
                            JobError error, String webhookUrl, Instant createdAt, Instant updatedAt) implements Job {
}
