package dev.kiln.contracts.template;

import dev.kiln.contracts.json.KilnJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The built-in starter templates, as {@link TemplateDocument} JSON (snake_case, layer {@code type}
 * discriminator) under {@code kiln/templates/<slug>.json} of platform-contracts (the gateway serves them, the renderer draws them): {@code product-card} (1080×1080) and
 * {@code story-promo} (1080×1920). Their ids are name-based UUIDs of {@code kiln:builtin-template:<slug>}.
 */
public final class BuiltinTemplates {
    /** Slugs of the built-in templates. */
    public static final List<String> SLUGS = List.of("product-card", "story-promo");

    private BuiltinTemplates() {
    }

    /** Every built-in template. */
    public static List<TemplateDocument> all() {
        return SLUGS.stream().map(BuiltinTemplates::get).toList();
    }

    /** The built-in template {@code slug}. */
    public static TemplateDocument get(String slug) {
        if (!SLUGS.contains(slug)) {
            throw new IllegalArgumentException("No built-in template '" + slug + "'");
        }
        String resource = "kiln/templates/" + slug + ".json";
        try (InputStream in = BuiltinTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return KilnJson.mapper().readValue(in, TemplateDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
