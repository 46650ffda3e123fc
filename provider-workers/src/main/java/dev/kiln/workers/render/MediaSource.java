package dev.kiln.workers.render;

import java.nio.file.Path;

/**
 * Where template videos get their input media and audio: a URL's body streamed into a local file.
 * Production uses {@link SafeImageFetcher#download} (public addresses only, capped); a test may serve
 * loopback files through a fetcher that allows exactly its own server.
 */
@FunctionalInterface
public interface MediaSource {
    /**
     * Streams the body at {@code url} into {@code target} (created or replaced; removed again when the
     * fetch fails).
     *
     * @param maxBytes largest body accepted
     * @return what was fetched
     * @throws ImageFetchException when the URL is refused, cannot be fetched, is too large or is not media
     */
    Downloaded download(String url, Path target, long maxBytes) throws ImageFetchException;

    /**
     * A fetched body, now in a file.
     *
     * @param url         the URL it was finally fetched from (after redirects)
     * @param contentType its content type ({@code video/mp4}, {@code audio/mpeg}, …)
     * @param bytes       its size
     */
    record Downloaded(String url, String contentType, long bytes) {
    }
}
