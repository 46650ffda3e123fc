package dev.kiln.gateway.domain;

/**
 * Body of {@code POST /v1/ai/images} (snake_case on the wire).
 *
 * @param model       catalogue model id; default: the catalogue's default AI image model
 * @param aspectRatio e.g. {@code 1:1}; default: the model's
 * @param imageSize   e.g. {@code 1K}; default: the model's
 * @param webhookUrl  absolute http(s) URL called when the job finishes, or null
 */
public record ImageRequest(String prompt, String model, String aspectRatio, String imageSize, String webhookUrl) {
}
