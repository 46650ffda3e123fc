package dev.kiln.sdk;

import java.time.Duration;

/**
 * AI image jobs: {@code POST /ai/images}, {@code GET /ai/images/{uid}}, {@code GET /ai/images?page&limit}.
 * {@code createAndWait} polls every 3 s for up to 5 minutes unless told otherwise.
 */
public final class AiImagesApi extends JobsApi<AiImage, AiImageParams> {
    /** Default poll interval of {@code createAndWait}: 3 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(3000);
    /** Default timeout of {@code createAndWait}: 300 s. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMillis(300_000);

    AiImagesApi(Transport transport) {
        super(transport, "/ai/images", AiImage.class, DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT);
    }
}
