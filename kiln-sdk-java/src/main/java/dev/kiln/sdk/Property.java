package dev.kiln.sdk;

import java.util.Objects;

/**
 * A value for one layer of a template image, by the layer's name: {@code Property.text("title", "Hello")},
 * {@code Property.image("photo", "https://…")}, {@code Property.color("badge", "#E4572E")}. Layers not named keep
 * their defaults; {@link TemplateProperty#type()} says which kind a layer takes. {@code null} fields are not sent.
 *
 * @param name     the layer's name
 * @param text     for text and QR code layers
 * @param imageUrl for image layers
 * @param color    for shapes, and optionally for text
 */
public record Property(String name, String text, String imageUrl, String color) {
    public Property {
        Objects.requireNonNull(name, "name");
    }

    /** The text of a text or QR code layer. */
    public static Property text(String name, String text) {
        return new Property(name, Objects.requireNonNull(text, "text"), null, null);
    }

    /** The text and text colour of a text layer. */
    public static Property text(String name, String text, String color) {
        return new Property(name, Objects.requireNonNull(text, "text"), null, Objects.requireNonNull(color, "color"));
    }

    /** The picture of an image layer: an absolute http(s) URL Kiln fetches. */
    public static Property image(String name, String imageUrl) {
        return new Property(name, null, Objects.requireNonNull(imageUrl, "imageUrl"), null);
    }

    /** The fill colour of a shape, e.g. {@code #E4572E}. */
    public static Property color(String name, String color) {
        return new Property(name, null, null, Objects.requireNonNull(color, "color"));
    }
}
