package dev.kiln.sdk;

import java.time.Duration;

/**
 * Template image jobs: {@code POST /images}, {@code GET /images/{uid}}, {@code GET /images?page&limit}.
 * {@code createAndWait} polls every 3 s for up to 5 minutes unless told otherwise.
 */
public final class TemplateImagesApi extends JobsApi<TemplateImage, TemplateImageParams> {
    /** Default poll interval of {@code createAndWait}: 3 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(3000);
    /** Default timeout of {@code createAndWait}: 300 s. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMillis(300_000);

    TemplateImagesApi(Transport transport) {
        super(transport, "/images", TemplateImage.class, DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT);
    }
}
