package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A template image job as the public API shows it (snake_case on the wire).
 *
 * @param template   the template's slug at submit
 * @param templateId the template's id
 * @param credits    the job's price in credits
 * @param imageUrl   signed, expiring URL of the PNG; only when {@code completed}
 * @param error      why it failed; only when {@code failed}
 */
@Schema(name = "TemplateImage", description = "A template image job", example = ApiExamples.TEMPLATE_IMAGE_JOB)
public record TemplateImageView(
        @Schema(description = "Job id", example = "img_4n6p8r2s4t6v8x2z4b6d8f2h") String uid,
        @Schema(enumeration = {"pending", "processing", "completed", "failed"}) String status,
        @Schema(description = "The template's slug", example = "product-card") String template,
        @Schema(description = "The template's id (UUID)") String templateId,
        @Schema(description = "The property values of the request") List<PropertyValue> properties,
        boolean transparent,
        @Schema(description = "Output width in pixels (the canvas)") Integer width,
        @Schema(description = "Output height in pixels (the canvas)") Integer height,
        @Schema(description = "The job's price in credits", example = "1") long credits,
        @Schema(description = "Signed, expiring URL of the PNG; only when completed", nullable = true) String imageUrl,
        @Schema(description = "Why it failed; only when failed", nullable = true) JobView.JobError error,
        String webhookUrl, Instant createdAt, Instant updatedAt) {
}
