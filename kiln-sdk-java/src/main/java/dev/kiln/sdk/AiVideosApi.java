package dev.kiln.sdk;

import java.time.Duration;

/**
 * AI video jobs: {@code POST /ai/videos}, {@code GET /ai/videos/{uid}}, {@code GET /ai/videos?page&limit}.
 * {@code createAndWait} polls every 5 s for up to 10 minutes unless told otherwise.
 */
public final class AiVideosApi extends JobsApi<AiVideo, AiVideoParams> {
    /** Default poll interval of {@code createAndWait}: 5 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(5000);
    /** Default timeout of {@code createAndWait}: 600 s. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMillis(600_000);

    AiVideosApi(Transport transport) {
        super(transport, "/ai/videos", AiVideo.class, DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT);
    }
}
