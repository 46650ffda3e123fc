package dev.kiln.gateway.domain;

/**
 * Body of {@code POST /v1/ai/videos} (snake_case on the wire).
 *
 * @param model       catalogue model id; default: the catalogue's default AI video model ({@code MiniMax-Hailuo-2.3})
 * @param aspectRatio e.g. {@code 16:9}; default: the model's
 * @param resolution  e.g. {@code 768p}; default: the model's
 * @param duration    e.g. {@code 6s}; default: the model's
 * @param webhookUrl  absolute http(s) URL called when the job finishes, or null
 */
public record VideoRequest(String prompt, String model, String aspectRatio, String resolution, String duration,
                           String webhookUrl) {
}
