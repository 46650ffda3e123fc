package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/ai/images} (snake_case on the wire).
 *
 * @param model       catalogue model id; default: the catalogue's default AI image model
 * @param aspectRatio e.g. {@code 1:1}; default: the model's
 * @param imageSize   e.g. {@code 1K}; default: the model's
 * @param webhookUrl  absolute http(s) URL called when the job finishes, or null
 */
@Schema(name = "ImageRequest", description = "An AI image job to create")
public record ImageRequest(
        @Schema(required = true, maxLength = 4000, description = "Text description of the image",
                example = "A minimalist product photo of a white sneaker") String prompt,
        @Schema(description = "Model id: gemini-2.5-flash-image (default), gemini-3.1-flash-image-preview, "
                + "gemini-3-pro-image-preview, image-01", example = "gemini-2.5-flash-image") String model,
        @Schema(description = "Aspect ratio the model supports (default 1:1)", example = "1:1") String aspectRatio,
        @Schema(description = "Size: 512, 1K, 2K, 4K or HD, as the model supports (default: the model's)",
                example = "1K") String imageSize,
        @Schema(description = "Absolute http(s) URL called when the job ends",
                example = "https://example.com/hooks/kiln") String webhookUrl) {
}
