package dev.kiln.workers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the worker pools ({@code kiln.workers.*}). */
@ConfigMapping(prefix = "kiln.workers")
public interface WorkerConfig {
    /**
     * A prompt starting with this marker makes every local stand-in generator (image and video)
     * fail with error code {@code generation_failed}: a documented switch to exercise the failure
     * path end to end.
     */
    @WithDefault("kiln:fail")
    String failureMarker();

    /**
     * Name this worker instance reports in {@code generation.started} events; defaults to
     * {@code provider-workers@<host name>}.
     */
    Optional<String> workerId();

    /** The local video stand-in ({@code kiln.workers.video.*}). */
    Video video();

    /** The template renderer of pool {@code local-template-image} ({@code kiln.workers.render.*}). */
    Render render();

    /** Template videos of pool {@code local-template-video} ({@code kiln.workers.template-video.*}). */
    TemplateVideo templateVideo();

    /** How the local video stand-in encodes. */
    interface Video {
        /**
         * Frames per second of generated clips ({@code KILN_WORKERS_VIDEO_FPS}). Kept modest:
         * encoding time grows linearly with it (a 4K 8 s clip at 8 fps is 64 frames).
         */
        @WithDefault("8")
        int fps();

        /** Clip length when the spec has no {@code duration} option ({@code KILN_WORKERS_VIDEO_DEFAULT_DURATION}). */
        @WithDefault("6s")
        Duration defaultDuration();

        /** Longest clip rendered; longer requests fail ({@code KILN_WORKERS_VIDEO_MAX_DURATION}). */
        @WithDefault("60s")
        Duration maxDuration();
    }

    /**
     * Caps of the fetches of user-supplied image URLs by template image layers (the safe image
     * fetcher: public addresses only, whatever these say).
     */
    interface Render {
        /** Largest image body in bytes ({@code KILN_WORKERS_RENDER_IMAGE_MAX_BYTES}). */
        @WithDefault("10485760")
        long imageMaxBytes();

        /** Longest TCP (and TLS) connect per hop ({@code KILN_WORKERS_RENDER_IMAGE_CONNECT_TIMEOUT}). */
        @WithDefault("5s")
        Duration imageConnectTimeout();

        /** Longest wait for the next bytes ({@code KILN_WORKERS_RENDER_IMAGE_READ_TIMEOUT}). */
        @WithDefault("10s")
        Duration imageReadTimeout();

        /** Longest fetch of one image, redirects and body included ({@code KILN_WORKERS_RENDER_IMAGE_TOTAL_TIMEOUT}). */
        @WithDefault("20s")
        Duration imageTotalTimeout();

        /** Redirects followed at most, each one checked again ({@code KILN_WORKERS_RENDER_IMAGE_MAX_REDIRECTS}). */
        @WithDefault("3")
        int imageMaxRedirects();

        /** Largest decoded picture, width × height ({@code KILN_WORKERS_RENDER_IMAGE_MAX_PIXELS}). */
        @WithDefault("40000000")
        long imageMaxPixels();
    }

    /**
     * Template videos: the caps of the fetches of the input media and audio (the safe fetcher: public
     * addresses only, whatever these say; stored assets of the job's own account are read from the
     * bucket with the same size caps) and the length rules.
     */
    interface TemplateVideo {
        /** Largest input video or picture in bytes ({@code KILN_WORKERS_TEMPLATE_VIDEO_MEDIA_MAX_BYTES}, 200 MiB). */
        @WithDefault("209715200")
        long mediaMaxBytes();

        /** Largest audio file in bytes ({@code KILN_WORKERS_TEMPLATE_VIDEO_AUDIO_MAX_BYTES}, 50 MiB). */
        @WithDefault("52428800")
        long audioMaxBytes();

        /** Longest TCP (and TLS) connect per hop ({@code KILN_WORKERS_TEMPLATE_VIDEO_CONNECT_TIMEOUT}). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for the next bytes ({@code KILN_WORKERS_TEMPLATE_VIDEO_READ_TIMEOUT}). */
        @WithDefault("30s")
        Duration readTimeout();

        /** Longest fetch of one file, redirects and body included ({@code KILN_WORKERS_TEMPLATE_VIDEO_TOTAL_TIMEOUT}). */
        @WithDefault("120s")
        Duration totalTimeout();

        /** Redirects followed at most, each one checked again ({@code KILN_WORKERS_TEMPLATE_VIDEO_MAX_REDIRECTS}). */
        @WithDefault("3")
        int maxRedirects();

        /**
         * Longest input video ({@code KILN_WORKERS_TEMPLATE_VIDEO_MAX_DURATION}): a longer one fails the job
         * with {@code media_too_long} (nothing is cut); a video made from a still picture and an audio file is
         * at most this long.
         */
        @WithDefault("60s")
        Duration maxDuration();

        /**
         * Length of the video made from a still picture when no audio is given
         * ({@code KILN_WORKERS_TEMPLATE_VIDEO_STILL_DURATION}); with audio, the audio's length.
         */
        @WithDefault("5s")
        Duration stillDuration();

        /** Largest input picture or video frame, width × height ({@code KILN_WORKERS_TEMPLATE_VIDEO_MAX_INPUT_PIXELS}). */
        @WithDefault("40000000")
        long maxInputPixels();
    }
}
