package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/account/calculate-cost} (snake_case on the wire): the job kind and the
 * fields of the create request of that kind ({@link ImageRequest} or {@link VideoRequest}); fields of
 * the other kind are ignored, as a create ignores them.
 *
 * @param type        {@code ai_image} or {@code ai_video}
 * @param prompt      optional here; checked as for a create when given
 * @param imageSize   images only
 * @param resolution  videos only
 * @param duration    videos only
 * @param webhookUrl  optional; checked as for a create when given
 */
@Schema(name = "QuoteRequest", description = "A job to price without creating it: the fields of the create request "
        + "of its type")
public record QuoteRequest(
        @Schema(required = true, enumeration = {"ai_image", "ai_video"}, description = "What the job makes",
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
        @Schema(description = "Optional; checked as for a create when given") String webhookUrl) {

    /** The image create request with these fields. */
    public ImageRequest asImageRequest() {
        return new ImageRequest(prompt, model, aspectRatio, imageSize, webhookUrl);
    }

    /** The video create request with these fields. */
    public VideoRequest asVideoRequest() {
        return new VideoRequest(prompt, model, aspectRatio, resolution, duration, webhookUrl);
    }
}
