package dev.kiln.contracts.template;

import java.util.List;
import java.util.Objects;

/**
 * A template as the renderer sees it: a canvas and named layers, drawn in list order (the first
 * layer is at the bottom). The gateway stores it, validates it and puts a snapshot of it in each
 * render job ({@link TemplateRender}), so a render is reproducible after the template changes.
 *
 * @param id     the template's UUID
 * @param slug   URL-friendly identifier, unique per owner
 * @param name   display name
 * @param canvas size and background
 * @param layers the layers, bottom first; names are unique within the template
 */
public record TemplateDocument(String id, String slug, String name, Canvas canvas, List<Layer> layers) {
    public TemplateDocument {
        Objects.requireNonNull(canvas, "canvas");
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /**
     * @param width           pixels, 1–4096
     * @param height          pixels, 1–4096
     * @param backgroundColor {@code #RRGGBB} or {@code #RRGGBBAA}
     * @param transparent     no background at all (PNG or WebP with alpha)
     */
    public record Canvas(int width, int height, String backgroundColor, boolean transparent) {
    }
}
