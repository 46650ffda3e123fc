package dev.kiln.workers.service;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.ErrorCodes;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import dev.kiln.workers.render.ImageFetchException;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.MediaSource;
import dev.kiln.workers.render.RenderException;
import dev.kiln.workers.render.RenderOutput;
import dev.kiln.workers.render.TemplateRenderer;
import dev.kiln.workers.video.FfmpegToolkit;
import dev.kiln.workers.video.MediaInfo;
import dev.kiln.workers.video.TemplateVideoRenderer;
import dev.kiln.workers.video.TemplateVideoRenderer.AudioMode;
import dev.kiln.workers.video.VideoException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The generator of pool {@code local-template-video}: the template snapshot the job carries
 * ({@link JobSpec#render()}) laid over the job's input media, as an H.264/AAC MP4 of the canvas size.
 *
 * <ol>
 *   <li>The overlay: the template's layers rendered by {@link TemplateRenderer} on a transparent canvas
 *       (PNG); image layers as in template images ({@link AccountImageSource}).</li>
 *   <li>The input media ({@code inputMediaUrl}) and the optional audio ({@code audioUrl}) are fetched into
 *       a working directory of the job: an {@code http(s)} URL through the {@link MediaSource} (in
 *       production the safe fetcher: public addresses only, with the caps of
 *       {@code kiln.workers.template-video.*}); a stored-asset reference ({@code kiln-asset:…}) from the
 *       bucket, only when it is an output of the job's own account ({@link StoredAssets}, same size caps).</li>
 *   <li>Checks: the input must be a video or a still picture ffmpeg reads, of at most
 *       {@code max-input-pixels}; a video longer than {@code max-duration} fails with
 *       {@value VideoException#MEDIA_TOO_LONG} (nothing is cut). The audio must have a sound stream.</li>
 *   <li>{@link TemplateVideoRenderer}: the input scaled to fit the canvas, the overlay on top. A still
 *       picture becomes a video as long as the audio (at most {@code max-duration}), or
 *       {@code still-duration} without audio. Option {@value #AUDIO_MODE_OPTION}: {@code replace}
 *       (default) or {@code mix}.</li>
 * </ol>
 * The working directory is removed whatever happens.
 *
 * <p>Failures keep their codes: the renderer's ({@code invalid_template}, {@code invalid_property}, …), the
 * fetches' ({@code forbidden_address}, {@code forbidden_asset}, {@code asset_not_found}, {@code too_large},
 * {@code timeout}, {@code invalid_media} for a content type that is not media, …, the message naming the
 * field), the media checks' ({@code invalid_media}, {@code media_too_long}) and ffmpeg's
 * ({@code toolkit_missing}, {@code ffmpeg_failed}, {@code timeout}); a bad {@code audio_mode} is
 * {@code invalid_option}, a format other than {@code video/mp4} {@code unsupported_format}.
 */
@Singleton
public class TemplateVideoGenerator implements Generator {
    private static final Logger LOG = Logger.getLogger(TemplateVideoGenerator.class);
    /** What this generator produces. */
    public static final String CONTENT_TYPE = "video/mp4";
    /** The request option that says what the audio does to the input's sound: {@code replace} or {@code mix}. */
    public static final String AUDIO_MODE_OPTION = "audio_mode";
    /** How much longer than the maximum a container may say an input is (rounding of container durations). */
    static final double LENGTH_TOLERANCE_SECONDS = 0.25;

    /**
     * The generator's limits.
     *
     * @param mediaMaxBytes  largest input video or picture
     * @param audioMaxBytes  largest audio file
     * @param maxDuration    longest input video (and longest video made from a picture)
     * @param stillDuration  length of a video made from a picture without audio
     * @param maxInputPixels largest input picture or video frame, width × height
     * @param imageMaxBytes  largest stored picture of an image layer
     * @param imageMaxPixels largest decoded picture of an image layer
     */
    public record Settings(long mediaMaxBytes, long audioMaxBytes, Duration maxDuration, Duration stillDuration,
                           long maxInputPixels, long imageMaxBytes, long imageMaxPixels) {
        public Settings {
            if (mediaMaxBytes < 1 || audioMaxBytes < 1 || maxInputPixels < 1 || imageMaxBytes < 1 || imageMaxPixels < 1) {
                throw new IllegalArgumentException("the template video caps must be positive");
            }
            if (maxDuration.isNegative() || maxDuration.isZero() || stillDuration.isNegative() || stillDuration.isZero()) {
                throw new IllegalArgumentException("the template video durations must be positive");
            }
        }

        /** From {@code kiln.workers.template-video.*} and the image caps of {@code kiln.workers.render.*}. */
        public static Settings of(WorkerConfig config) {
            WorkerConfig.TemplateVideo v = config.templateVideo();
            return new Settings(v.mediaMaxBytes(), v.audioMaxBytes(), v.maxDuration(), v.stillDuration(),
                    v.maxInputPixels(), config.render().imageMaxBytes(), config.render().imageMaxPixels());
        }

        public Settings withMaxDuration(Duration max) {
            return new Settings(mediaMaxBytes, audioMaxBytes, max, stillDuration, maxInputPixels, imageMaxBytes,
                    imageMaxPixels);
        }

        public Settings withStillDuration(Duration still) {
            return new Settings(mediaMaxBytes, audioMaxBytes, maxDuration, still, maxInputPixels, imageMaxBytes,
                    imageMaxPixels);
        }
    }

    private final ImageSource images;
    private final MediaSource media;
    private final StoredAssets stored;
    private final FfmpegToolkit toolkit;
    private final TemplateVideoRenderer videos;
    private final Settings settings;
    private final Path workRoot;

    @Inject
    public TemplateVideoGenerator(ImageSource images, MediaSource media, StoredAssets stored, FfmpegToolkit toolkit,
                                  WorkerConfig config) {
        this(images, media, stored, toolkit, Settings.of(config));
    }

    /**
     * @param images  where image layers' URLs are fetched
     * @param media   where the input media and audio URLs are fetched
     * @param stored  where stored-asset references are read
     * @param toolkit the ffmpeg program
     */
    public TemplateVideoGenerator(ImageSource images, MediaSource media, StoredAssets stored, FfmpegToolkit toolkit,
                                  Settings settings) {
        this(images, media, stored, toolkit, settings, null);
    }

    /**
     * @param workRoot where each job's working directory is made; {@code null} for {@code java.io.tmpdir}
     */
    public TemplateVideoGenerator(ImageSource images, MediaSource media, StoredAssets stored, FfmpegToolkit toolkit,
                                  Settings settings, Path workRoot) {
        this.workRoot = workRoot;
        this.images = images;
        this.media = media;
        this.stored = stored;
        this.toolkit = toolkit;
        this.videos = new TemplateVideoRenderer(toolkit);
        this.settings = settings;
    }

    @Override
    public GeneratedOutput generate(JobSpec spec, String accountId) {
        TemplateRender render = TemplateImageGenerator.snapshotOf(spec);
        if (spec.format() != null && !spec.format().isBlank()
                && !spec.format().strip().toLowerCase(Locale.ROOT).equals(CONTENT_TYPE)) {
            throw new RenderException(RenderException.UNSUPPORTED_FORMAT,
                    "template videos are " + CONTENT_TYPE + ", not " + spec.format());
        }
        AudioMode mode = audioMode(spec);
        if (render.inputMediaUrl() == null || render.inputMediaUrl().isBlank()) {
            throw new VideoException(VideoException.INVALID_MEDIA, "the job carries no input_media_url");
        }
        boolean withAudio = render.audioUrl() != null && !render.audioUrl().isBlank();

        // the layers first: a bad template fails before any media is fetched
        TemplateRender overlayRender = new TemplateRender(render.template(), render.properties(), true,
                render.inputMediaUrl(), render.audioUrl());
        RenderOutput overlay = new TemplateRenderer(new AccountImageSource(images, stored, accountId,
                settings.imageMaxBytes(), settings.imageMaxPixels())).render(overlayRender, "image/png");

        Path dir = null;
        try {
            dir = workRoot == null ? Files.createTempDirectory("kiln-template-video-")
                    : Files.createTempDirectory(workRoot, "kiln-template-video-");
            Path input = dir.resolve("input.media");
            fetch(render.inputMediaUrl(), "input_media_url", input, settings.mediaMaxBytes(), accountId);
            MediaInfo in = probe(input, "input_media_url");
            MediaInfo.VideoStream picture = in.video().orElseThrow(() -> new VideoException(
                    VideoException.INVALID_MEDIA, "input_media_url is neither a video nor a picture (no video stream)"));
            if ((long) picture.width() * picture.height() > settings.maxInputPixels()) {
                throw new GenerationException(ImageFetchException.TOO_LARGE, "input_media_url is " + picture.width()
                        + "x" + picture.height() + ", more than " + settings.maxInputPixels() + " pixels");
            }
            boolean still = in.isStillImage();
            double maxSeconds = settings.maxDuration().toMillis() / 1000.0;
            if (!still && in.durationSeconds() > maxSeconds + LENGTH_TOLERANCE_SECONDS) {
                throw tooLong(in.durationSeconds());
            }

            Path audio = null;
            MediaInfo sound = null;
            if (withAudio) {
                audio = dir.resolve("audio.media");
                fetch(render.audioUrl(), "audio_url", audio, settings.audioMaxBytes(), accountId);
                sound = probe(audio, "audio_url");
                if (sound.audio().isEmpty()) {
                    throw new VideoException(VideoException.INVALID_MEDIA, "audio_url has no audio stream");
                }
            }
            Duration stillLength = settings.stillDuration();
            if (still && sound != null && sound.durationSeconds() > 0) {
                Duration audioLength = Duration.ofMillis(Math.round(sound.durationSeconds() * 1000));
                stillLength = audioLength.compareTo(settings.maxDuration()) > 0 ? settings.maxDuration() : audioLength;
            }
            // a safety net for inputs whose length the container does not tell: such an input longer than
            // the maximum gives an output longer than the maximum, which is refused below
            Duration limit = settings.maxDuration().plusMillis(500);
            TemplateVideoRenderer.Options options = new TemplateVideoRenderer.Options(mode, stillLength, limit);

            Path output = dir.resolve("output.mp4");
            MediaInfo out = videos.render(input, in, overlay.data(), audio, sound, output, options);
            if (!still && out.durationSeconds() > maxSeconds + LENGTH_TOLERANCE_SECONDS) {
                throw tooLong(out.durationSeconds());
            }
            MediaInfo.VideoStream video = out.video().orElseThrow(() -> new VideoException(
                    VideoException.FFMPEG_FAILED, "the rendered video has no video stream"));
            byte[] data = Files.readAllBytes(output);
            LOG.debugf("Template %s: %s input %dx%d %.2f s (%s), audio %s (%s) -> %dx%d %.2f s, %d bytes",
                    render.template().slug(), still ? "picture" : "video", picture.width(), picture.height(),
                    in.durationSeconds(), in.container(), withAudio ? "yes" : "no", mode, video.width(),
                    video.height(), out.durationSeconds(), data.length);
            return new GeneratedOutput(data, CONTENT_TYPE, "mp4", video.width(), video.height());
        } catch (VideoException e) {
            // ffmpeg's messages name the working files: keep only their names
            String prefix = dir == null ? null : dir.toAbsolutePath() + "/";
            if (prefix != null && e.getMessage() != null && e.getMessage().contains(prefix)) {
                throw new VideoException(e.errorCode(), e.getMessage().replace(prefix, ""), e);
            }
            throw e;
        } catch (IOException e) {
            throw new GenerationException(ErrorCodes.INTERNAL_ERROR,
                    "the template video's working files failed: " + e.getMessage(), e);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The {@value #AUDIO_MODE_OPTION} option: {@code replace} (default) or {@code mix}. */
    static AudioMode audioMode(JobSpec spec) {
        String value = spec.options().get(AUDIO_MODE_OPTION);
        try {
            return AudioMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new VideoException(VideoException.INVALID_OPTION,
                    AUDIO_MODE_OPTION + " must be replace or mix, not '" + value + "'");
        }
    }

    private void fetch(String url, String field, Path target, long maxBytes, String accountId) {
        try {
            if (AssetUrls.isReference(url)) {
                stored.download(url, accountId, maxBytes, target);
            } else {
                media.download(url, target, maxBytes);
            }
        } catch (ImageFetchException e) {
            throw new GenerationException(e.code(), field + ": " + e.getMessage(), e);
        }
    }

    private MediaInfo probe(Path file, String field) {
        try {
            return toolkit.probe(file);
        } catch (VideoException e) {
            if (VideoException.INVALID_MEDIA.equals(e.errorCode())) {
                throw new VideoException(VideoException.INVALID_MEDIA, field + " is not media that can be read: "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private VideoException tooLong(double seconds) {
        return new VideoException(VideoException.MEDIA_TOO_LONG, String.format(Locale.ROOT,
                "input_media_url is %.1f s long; a template video takes at most %s s of input (nothing is cut)",
                seconds, new java.math.BigDecimal(settings.maxDuration().toMillis()).movePointLeft(3)
                        .stripTrailingZeros().toPlainString()));
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warnf("Could not delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", dir, e.getMessage());
        }
    }
}
