package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code POST /v1/templates} and {@code PUT /v1/templates/{id}} (snake_case on the wire), as
 * documented in the OpenAPI document. The gateway reads the body field by field (so every error names
 * the field, e.g. {@code layers[2].font_size}) and stores it as a
 * {@link dev.kiln.contracts.template.TemplateDocument}; fields a layer of that type does not have are
 * refused, fields left out get the defaults named here.
 */
@Schema(name = "TemplateRequest", description = "A template to create, or the new content of one to replace")
public record TemplateRequest(
        @Schema(required = true, maxLength = 200, description = "Display name", example = "Summer sale card") String name,
        @Schema(required = true, maxLength = 100, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
                description = "URL-friendly identifier, unique among the account's templates; not a UUID and not "
                        + "the slug of a built-in template", example = "summer-sale-card") String slug,
        @Schema(required = true) Canvas canvas,
        @Schema(maxItems = 100, description = "The layers, bottom first; names unique within the template")
        List<LayerInput> layers) {

    /** The canvas. */
    @Schema(name = "TemplateCanvas", description = "Size and background of the output")
    public record Canvas(
            @Schema(required = true, minimum = "1", maximum = "4096", description = "Pixels", example = "1080") Integer width,
            @Schema(required = true, minimum = "1", maximum = "4096", description = "Pixels", example = "1080") Integer height,
            @Schema(description = "Hex colour #RGB, #RRGGBB or #RRGGBBAA (stored as #RRGGBB[AA]); default #FFFFFF",
                    example = "#FFFFFF") String backgroundColor,
            @Schema(description = "No background at all (PNG with alpha); default false") Boolean transparent) {
    }

    /** One layer; which fields apply depends on {@code type}. */
    @Schema(name = "TemplateLayer", description = "One named layer in a box (x, y, width, height in pixels from the "
            + "canvas's top-left corner). Fields by type — text: text, font, font_size, font_weight, color, align, "
            + "vertical_align, line_height, auto_fit, min_font_size; image: image_url, fit, corner_radius; shape: "
            + "shape, fill, border_color, border_width, corner_radius; qr_code: data, color, background. Any other "
            + "field is refused.")
    public record LayerInput(
            @Schema(required = true, enumeration = {"text", "image", "shape", "qr_code"}) String type,
            @Schema(required = true, pattern = "^[A-Za-z0-9_-]{1,64}$",
                    description = "The layer's name: the name of the property that overrides it", example = "title") String name,
            @Schema(description = "-4096 to 4096; default 0") Integer x,
            @Schema(description = "-4096 to 4096; default 0") Integer y,
            @Schema(required = true, minimum = "1", maximum = "4096") Integer width,
            @Schema(required = true, minimum = "1", maximum = "4096") Integer height,
            @Schema(description = "text: the default text (at most 5000 characters)") String text,
            @Schema(description = "text: font family; Noto Sans (Latin and Korean) is bundled, other names fall back "
                    + "to it; default Noto Sans") String font,
            @Schema(description = "text: pixels, 1–1000; default 32") Integer fontSize,
            @Schema(description = "text: 100–900 (400 regular, 700 bold); default 400") Integer fontWeight,
            @Schema(description = "text and qr_code: hex colour; default #000000") String color,
            @Schema(description = "text: default left", enumeration = {"left", "center", "right"}) String align,
            @Schema(description = "text: default top", enumeration = {"top", "middle", "bottom"}) String verticalAlign,
            @Schema(type = SchemaType.NUMBER, description = "text: multiple of the font size, 0.5–5; default 1.2") Double lineHeight,
            @Schema(description = "text: shrink the font (down to min_font_size) until the text fits the box; default false")
            Boolean autoFit,
            @Schema(description = "text: 1 to font_size; default a quarter of font_size") Integer minFontSize,
            @Schema(description = "image: default picture, absolute http(s) URL, or null") String imageUrl,
            @Schema(description = "image: cover (fill the box, crop) or contain (letterbox); default cover",
                    enumeration = {"cover", "contain"}) String fit,
            @Schema(description = "image and shape: pixels, 0–4096; default 0") Integer cornerRadius,
            @Schema(description = "shape: default rectangle", enumeration = {"rectangle", "ellipse"}) String shape,
            @Schema(description = "shape: hex fill colour, or null for none") String fill,
            @Schema(description = "shape: hex border colour, or null for none") String borderColor,
            @Schema(description = "shape: pixels, 0–4096; default 0") Integer borderWidth,
            @Schema(description = "qr_code: the default content (at most 2000 characters)") String data,
            @Schema(description = "qr_code: hex colour behind the code; default #FFFFFF") String background) {
    }
}
