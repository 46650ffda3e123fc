package dev.kiln.workers.render;

/**
 * An encoded render.
 *
 * @param data        the file
 * @param format      its format
 * @param width       pixels (the canvas width)
 * @param height      pixels (the canvas height)
 */
public record RenderOutput(byte[] data, OutputFormat format, int width, int height) {
    public String contentType() {
        return format.contentType();
    }

    public String extension() {
        return format.extension();
    }
}
