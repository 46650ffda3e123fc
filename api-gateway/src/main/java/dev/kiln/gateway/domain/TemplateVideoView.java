package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A template video job as the public API shows it (snake_case on the wire). Media URLs are the ones the
 * caller sent, even where the job reads them from storage.
 *
 * @param template      the template's slug at submit
 * @param templateId    the template's id
 * @param inputMediaUrl the input video, as sent
 * @param audioUrl      the background audio, as sent, or null
 * @param audioMode     {@code replace} or {@code mix}
 * @param credits       the job's price in credits
 * @param videoUrl      signed, expiring URL of the MP4; only when {@code completed}
 * @param error         why it failed; only when {@code failed}
 */
@Schema(name = "TemplateVideo", description = "A template video job", example = ApiExamples.TEMPLATE_VIDEO_JOB)
public record TemplateVideoView(
        @Schema(description = "Job id", example = "vid_5p7r9t2v4x6z8b2d4f6h8j2k") String uid,
        @Schema(enumeration = {"pending", "processing", "completed", "failed"}) String status,
        @Schema(description = "The template's slug", example = "story-promo") String template,
        @Schema(description = "The template's id (UUID)") String templateId,
        @Schema(description = "The input video URL, as sent") String inputMediaUrl,
        @Schema(description = "The property values of the request") List<PropertyValue> properties,
        @Schema(description = "The background audio URL, as sent", nullable = true) String audioUrl,
        @Schema(enumeration = {"replace", "mix"}) String audioMode,
        @Schema(description = "Output width in pixels (the canvas)") Integer width,
        @Schema(description = "Output height in pixels (the canvas)") Integer height,
        @Schema(description = "The job's price in credits", example = "5") long credits,
        @Schema(description = "Signed, expiring URL of the MP4; only when completed", nullable = true) String videoUrl,
        @Schema(description = "Why it failed; only when failed", nullable = true) JobView.JobError error,
        String webhookUrl, Instant createdAt, Instant updatedAt) {
}
