package dev.kiln.sdk;

import java.util.List;

/**
 * A template by {@code GET /templates/{id}}: what a template image may set. Fields unknown to this SDK version
 * (the template's canvas and layers, for instance) are ignored.
 *
 * @param uid                 the template's id (a UUID)
 * @param slug                e.g. {@code product-card}
 * @param width               output width in pixels
 * @param height              output height in pixels
 * @param availableProperties one per layer, in layer order
 */
public record Template(String uid, String name, String slug, int width, int height,
                       List<TemplateProperty> availableProperties) {
    public Template {
        availableProperties = availableProperties == null ? List.of() : List.copyOf(availableProperties);
    }
}
