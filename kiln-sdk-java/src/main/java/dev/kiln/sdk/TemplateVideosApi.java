package dev.kiln.sdk;

import java.time.Duration;

/**
 * Template video jobs (Automate plan and up): {@code POST /videos}, {@code GET /videos/{uid}},
 * {@code GET /videos?page&limit}. {@code createAndWait} polls every 5 s for up to 10 minutes unless
 * told otherwise.
 */
public final class TemplateVideosApi extends JobsApi<TemplateVideo, TemplateVideoParams> {
    /** Default poll interval of {@code createAndWait}: 5 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(5000);
    /** Default timeout of {@code createAndWait}: 600 s. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMillis(600_000);

    TemplateVideosApi(Transport transport) {
        super(transport, "/videos", TemplateVideo.class, DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT);
    }
}
