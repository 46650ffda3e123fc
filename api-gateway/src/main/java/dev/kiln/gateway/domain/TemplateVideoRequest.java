package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code POST /v1/videos} (seed 000; snake_case on the wire).
 *
 * @param template      slug or UUID of a template the account sees
 * @param inputMediaUrl absolute http(s) URL of the video the template's layers are drawn over
 * @param properties    values for layers, by layer name; layers not named keep their defaults
 * @param audioUrl      absolute http(s) URL of background audio, or null
 * @param audioMode     Kiln extension: {@code replace} (default: the audio replaces the input's sound) or
 *                      {@code mix} (the audio is mixed with it)
 * @param webhookUrl    absolute http(s) URL called when the job ends, or null
 */
@Schema(name = "TemplateVideoRequest", description = "A template video to render: the template's layers over an "
        + "input video")
public record TemplateVideoRequest(
        @Schema(required = true, description = "Template slug or UUID", example = "story-promo") String template,
        @Schema(required = true, description = "Absolute http(s) URL of the input video (at most 2048 characters); "
                + "a signed asset URL of this account's own outputs is read from storage, even after it expired",
                example = "https://example.com/clip.mp4") String inputMediaUrl,
        @Schema(description = "Property objects (name plus text, image_url or color, by the layer's type)")
        List<PropertyValue> properties,
        @Schema(description = "Absolute http(s) URL of background audio", example = "https://example.com/bgm.mp3")
        String audioUrl,
        @Schema(description = "What the background audio does to the input's sound: `replace` (default) or `mix`",
                enumeration = {"replace", "mix"}, defaultValue = "replace") String audioMode,
        @Schema(description = "Absolute http(s) URL called when the job ends",
                example = "https://example.com/hooks/kiln") String webhookUrl) {
}
