package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code POST /v1/account/calculate-cost} (snake_case on the wire): the job kind and the
 * fields of the create request of that kind ({@link ImageRequest}, {@link VideoRequest},
 * {@link TemplateImageRequest} or {@link TemplateVideoRequest}); fields of other kinds are ignored, as
 * a create ignores them.
 *
 * @param type        {@code ai_image}, {@code ai_video}, {@code template_image} or {@code template_video}
 * @param prompt      optional here; checked as for a create when given
 * @param imageSize   images only
 * @param resolution  videos only
 * @param duration    videos only
 * @param webhookUrl  optional; checked as for a create when given
 * @param template    template jobs: required, as for a create
 * @param properties  template jobs: checked against the template as for a create
 * @param transparent template images only
 * @param inputMediaUrl template videos: optional here; checked as for a create when given
 * @param audioUrl    template videos only
 * @param audioMode   template videos only
 */
@Schema(name = "QuoteRequest", description = "A job to price without creating it: the fields of the create request "
        + "of its type")
public record QuoteRequest(
        @Schema(required = true, enumeration = {"ai_image", "ai_video", "template_image", "template_video"},
                description = "What the job makes",
                example = "ai_video") String type,
        @Schema(description = "Optional; checked as for a create when given", maxLength = 4000) String prompt,
        @Schema(description = "Model id of that type (default: the type's default model)",
                example = "MiniMax-Hailuo-2.3") String model,
        @Schema(description = "Aspect ratio the model supports (default: the model's)", example = "16:9")
        String aspectRatio,
        @Schema(description = "ai_image only: 512, 1K, 2K, 4K or HD, as the model supports") String imageSize,
        @Schema(description = "ai_video only: 720p, 768p, 1080p or 4K, as the model supports", example = "1080p")
        String resolution,
        @Schema(description = "ai_video only: 4s, 6s, 8s or 10s, as the model supports", example = "6s")
        String duration,
        @Schema(description = "Optional; checked as for a create when given") String webhookUrl,
        @Schema(description = "template_image and template_video: template slug or UUID (required)",
                example = "story-promo") String template,
        @Schema(description = "template_image and template_video: property objects, checked against the template")
        List<PropertyValue> properties,
        @Schema(description = "template_image only") Boolean transparent,
        @Schema(description = "template_video only: optional here; checked as for a create when given")
        String inputMediaUrl,
        @Schema(description = "template_video only") String audioUrl,
        @Schema(description = "template_video only: replace or mix") String audioMode) {

    /** The image create request with these fields. */
    public ImageRequest asImageRequest() {
        return new ImageRequest(prompt, model, aspectRatio, imageSize, webhookUrl);
    }

    /** The video create request with these fields. */
    public VideoRequest asVideoRequest() {
        return new VideoRequest(prompt, model, aspectRatio, resolution, duration, webhookUrl);
    }

    /** The template image create request with these fields. */
    public TemplateImageRequest asTemplateImageRequest() {
        return new TemplateImageRequest(template, properties, transparent, webhookUrl);
    }

    /** The template video create request with these fields. */
    public TemplateVideoRequest asTemplateVideoRequest() {
        return new TemplateVideoRequest(template, inputMediaUrl, properties, audioUrl, audioMode, webhookUrl);
    }
}
