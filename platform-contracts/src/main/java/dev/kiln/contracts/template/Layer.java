package dev.kiln.contracts.template;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One named layer of a template, placed in a box ({@code x}, {@code y}, {@code width},
 * {@code height}, pixels from the canvas's top-left corner). A render request may override the
 * layer's {@linkplain #propertyType() property} by its name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Layer.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Layer.Image.class, name = "image"),
        @JsonSubTypes.Type(value = Layer.Shape.class, name = "shape"),
        @JsonSubTypes.Type(value = Layer.QrCode.class, name = "qr_code"),
})
public sealed interface Layer permits Layer.Text, Layer.Image, Layer.Shape, Layer.QrCode {
    String name();

    int x();

    int y();

    int width();

    int height();

    /** What a render request may set for this layer: {@code text}, {@code image} or {@code color}. */
    String propertyType();

    /**
     * Text in a box: wrapped at word boundaries (any character for scripts without spaces), and with
     * {@code autoFit} shrunk from {@code fontSize} down to {@code minFontSize} until it fits.
     *
     * @param font          a bundled family ({@code Noto Sans} covers Latin and Korean)
     * @param fontWeight    100–900 (400 regular, 700 bold)
     * @param color         {@code #RRGGBB[AA]}
     * @param align         {@code left | center | right}
     * @param verticalAlign {@code top | middle | bottom}
     * @param lineHeight    multiple of the font size, e.g. 1.2
     */
    record Text(String name, int x, int y, int width, int height, String text, String font, int fontSize,
                int fontWeight, String color, String align, String verticalAlign, double lineHeight,
                boolean autoFit, int minFontSize) implements Layer {
        @Override
        public String propertyType() {
            return "text";
        }
    }

    /**
     * An image fetched from {@code imageUrl} (http/https, public addresses only) or a stored asset.
     *
     * @param fit          {@code cover} (fill the box, crop the overflow, centred) or {@code contain}
     *                     (fit inside the box, letterboxed)
     * @param cornerRadius pixels
     */
    record Image(String name, int x, int y, int width, int height, String imageUrl, String fit, int cornerRadius)
            implements Layer {
        @Override
        public String propertyType() {
            return "image";
        }
    }

    /**
     * A rectangle or ellipse.
     *
     * @param shape        {@code rectangle | ellipse}
     * @param fill         {@code #RRGGBB[AA]}, or null for none
     * @param borderColor  {@code #RRGGBB[AA]}, or null for none
     * @param borderWidth  pixels
     * @param cornerRadius pixels (rectangles)
     */
    record Shape(String name, int x, int y, int width, int height, String shape, String fill, String borderColor,
                 int borderWidth, int cornerRadius) implements Layer {
        @Override
        public String propertyType() {
            return "color";
        }
    }

    /** A QR code of {@code data} drawn in {@code color} on {@code background}, filling the square box. */
    record QrCode(String name, int x, int y, int width, int height, String data, String color, String background)
            implements Layer {
        @Override
        public String propertyType() {
            return "text";
        }
    }
}
