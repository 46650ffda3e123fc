package dev.kiln.workers.render;

import java.awt.image.BufferedImage;

/**
 * Where image layers get their pictures. Production uses {@link SafeImageFetcher}; a benchmark or a
 * test may hand in decoded images directly.
 */
@FunctionalInterface
public interface ImageSource {
    /**
     * The decoded picture at {@code url}.
     *
     * @throws ImageFetchException when it is refused, cannot be fetched or is not an image
     */
    BufferedImage load(String url) throws ImageFetchException;
}
