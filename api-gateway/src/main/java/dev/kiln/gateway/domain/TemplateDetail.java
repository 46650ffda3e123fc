package dev.kiln.gateway.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.TemplateDocument;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A template in {@code GET /v1/templates/{id}}: seed 000's fields ({@code uid, name, slug, width,
 * height, available_properties}) plus the whole document ({@code canvas}, {@code layers}), so a client
 * can read a template, change it and {@code PUT} it back.
 */
@Schema(name = "Template", description = "A template with its available properties and layers")
public record TemplateDetail(
        @Schema(description = "Template id (UUID)", example = "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2") UUID uid,
        @Schema(example = "Product card") String name,
        @Schema(example = "product-card") String slug,
        @Schema(description = "Canvas width in pixels", example = "1080") int width,
        @Schema(description = "Canvas height in pixels", example = "1080") int height,
        @Schema(description = "What a render may set: one entry per layer, in layer order")
        List<AvailableProperty> availableProperties,
        TemplateDocument.Canvas canvas,
        @Schema(type = SchemaType.ARRAY, implementation = TemplateRequest.LayerInput.class,
                description = "The layers, bottom first") List<Layer> layers,
        @Schema(description = "A built-in starter template (read-only, visible to every account)") boolean builtIn,
        Instant createdAt, Instant updatedAt) {

    /**
     * One property a render request may set: the layer's name, the property type ({@code text} for
     * text and QR code layers, {@code image} for image layers, {@code color} for shapes) and the
     * layer's defaults, keyed as in a property object ({@code text}, {@code image_url}, {@code color}).
     */
    @Schema(name = "AvailableProperty", description = "A property a render may set")
    public record AvailableProperty(
            @Schema(description = "The layer's name", example = "title") String name,
            @Schema(enumeration = {"text", "image", "color"}, description = "Which value the property takes: "
                    + "text (with optional color), image (image_url) or color") String type,
            @Schema(enumeration = {"text", "image", "shape", "qr_code"}) String layerType,
            @JsonProperty("default")
            @Schema(name = "default", description = "The layer's defaults: text and color (text, qr_code), "
                    + "image_url (image) or color (shape)", example = "{\"text\": \"Product name\", \"color\": \"#1F2328\"}")
            Map<String, Object> defaultValue) {
    }
}
