package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code POST /v1/images} (seed 000; snake_case on the wire).
 *
 * @param template    slug or UUID of a template the account sees
 * @param properties  values for layers, by layer name; layers not named keep their defaults
 * @param transparent no background (PNG with alpha); default false
 * @param webhookUrl  absolute http(s) URL called when the job ends, or null
 */
@Schema(name = "TemplateImageRequest", description = "A template image to render")
public record TemplateImageRequest(
        @Schema(required = true, description = "Template slug or UUID", example = "product-card") String template,
        @Schema(description = "Property objects (name plus text, image_url or color, by the layer's type)")
        List<PropertyValue> properties,
        @Schema(description = "Transparent background (default false)") Boolean transparent,
        @Schema(description = "Absolute http(s) URL called when the job ends",
                example = "https://example.com/hooks/kiln") String webhookUrl) {
}
