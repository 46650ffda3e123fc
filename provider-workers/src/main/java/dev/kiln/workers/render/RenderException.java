package dev.kiln.workers.render;

import dev.kiln.workers.domain.GenerationException;

/**
 * A template render that failed for a reason worth reporting to the caller. {@link #errorCode()} is
 * stable and machine-readable; the message names the layer and property concerned.
 * <ul>
 *   <li>{@value #INVALID_TEMPLATE}: the template snapshot is unusable (bad size, unknown shape, …);</li>
 *   <li>{@value #INVALID_COLOR}: a colour is not {@code #RGB}, {@code #RRGGBB} or {@code #RRGGBBAA};</li>
 *   <li>{@value #INVALID_PROPERTY}: a property names no layer of the template;</li>
 *   <li>{@value #UNSUPPORTED_FORMAT}: the output format is not PNG, JPEG or WebP;</li>
 *   <li>an image layer's fetch failure keeps the {@linkplain ImageFetchException#code() fetcher's code}
 *       ({@code forbidden_address}, {@code too_large}, {@code timeout}, {@code not_an_image}, …).</li>
 * </ul>
 */
public class RenderException extends GenerationException {
    public static final String INVALID_TEMPLATE = "invalid_template";
    public static final String INVALID_COLOR = "invalid_color";
    public static final String INVALID_PROPERTY = "invalid_property";
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";

    public RenderException(String errorCode, String message) {
        super(errorCode, message);
    }

    public RenderException(String errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
    }

    /** An image layer whose picture could not be fetched or decoded; keeps the fetcher's code. */
    static RenderException imageFailed(String layer, ImageFetchException cause) {
        return new RenderException(cause.code(), "layer '" + layer + "': " + cause.getMessage(), cause);
    }
}
