package dev.kiln.workers.render;

import java.util.Locale;

/** The output formats of a template render. */
public enum OutputFormat {
    /** Lossless; keeps the alpha channel (transparent canvases). */
    PNG("image/png", "png"),
    /** Lossy (quality 0.9); never transparent: a transparent canvas gets its background colour, or white. */
    JPEG("image/jpeg", "jpg"),
    /** Lossy (quality 90) with a lossless alpha channel. */
    WEBP("image/webp", "webp");

    private final String contentType;
    private final String extension;

    OutputFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** File extension without the dot: {@code png}, {@code jpg}, {@code webp}. */
    public String extension() {
        return extension;
    }

    /** Whether the format keeps an alpha channel. */
    public boolean supportsAlpha() {
        return this != JPEG;
    }

    /**
     * The format for a content type ({@code image/png}) or a short name ({@code png}, {@code jpg},
     * {@code jpeg}, {@code webp}), case-insensitive; {@code null} or blank means PNG.
     *
     * @throws RenderException {@value RenderException#UNSUPPORTED_FORMAT}
     */
    public static OutputFormat parse(String format) {
        if (format == null || format.isBlank()) {
            return PNG;
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (f.startsWith("image/")) {
            f = f.substring("image/".length());
        }
        return switch (f) {
            case "png" -> PNG;
            case "jpeg", "jpg" -> JPEG;
            case "webp" -> WEBP;
            default -> throw new RenderException(RenderException.UNSUPPORTED_FORMAT,
                    "output format '" + format + "' is not supported (png, jpeg or webp)");
        };
    }
}
