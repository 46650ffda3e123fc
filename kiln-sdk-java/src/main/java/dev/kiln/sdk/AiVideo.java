package dev.kiln.sdk;

import java.time.Instant;

/**
 * An AI video job ({@code /ai/videos}); fields unknown to this SDK version are ignored.
 *
 * @param uid         {@code vid_…}
 * @param status      {@code pending}, {@code processing}, {@code completed} or {@code failed}
 * @param aspectRatio e.g. {@code 16:9}
 * @param resolution  e.g. {@code 768p}
 * @param duration    e.g. {@code 6s}
 * @param width       output width in pixels
 * @param height      output height in pixels
 * @param credits     the job's price in credits
 * @param videoUrl    signed, expiring URL of the video; only when {@code completed}
 * @param error       only when {@code failed}
 * @param webhookUrl  where the finished job is POSTed, or {@code null}
 */
public record AiVideo(String uid, String status, String prompt, String model, String aspectRatio,
                      String resolution, String duration, Integer width, Integer height, long credits,
                      String videoUrl, JobError error, String webhookUrl, Instant createdAt,
                      Instant updatedAt) implements Job {
}
