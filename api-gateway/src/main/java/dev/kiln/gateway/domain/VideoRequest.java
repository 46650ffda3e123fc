package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/ai/videos} (snake_case on the wire).
 *
 * @param model       catalogue model id; default: the catalogue's default AI video model ({@code MiniMax-Hailuo-2.3})
 * @param aspectRatio e.g. {@code 16:9}; default: the model's
 * @param resolution  e.g. {@code 768p}; default: the model's
 * @param duration    e.g. {@code 6s}; default: the model's
 * @param webhookUrl  absolute http(s) URL called when the job finishes, or null
 */
@Schema(name = "VideoRequest", description = "An AI video job to create")
public record VideoRequest(
        @Schema(required = true, maxLength = 4000, description = "Text description of the video",
                example = "A white sneaker rotating 360 degrees") String prompt,
        @Schema(description = "Model id: MiniMax-Hailuo-2.3 (default), veo-3.1-fast-generate-preview, "
                + "veo-3.1-generate-preview, veo-3.0-fast-generate-preview", example = "MiniMax-Hailuo-2.3") String model,
        @Schema(description = "Aspect ratio the model supports (default 16:9)", example = "16:9") String aspectRatio,
        @Schema(description = "Resolution: 720p, 768p, 1080p or 4K, as the model supports", example = "768p")
        String resolution,
        @Schema(description = "Duration: 4s, 6s, 8s or 10s, as the model supports", example = "6s") String duration,
        @Schema(description = "Absolute http(s) URL called when the job ends") String webhookUrl) {
}
