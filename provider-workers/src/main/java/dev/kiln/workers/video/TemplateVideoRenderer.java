package dev.kiln.workers.video;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes a template video: the template's layers, rendered to a canvas-sized PNG with alpha
 * ({@code TemplateRenderer} with {@code transparent}), laid over an input video for its whole duration.
 *
 * <p><b>Size.</b> The output has the <em>canvas</em> size (the overlay PNG's size; an odd side is rounded
 * down to even, as H.264 4:2:0 needs, and the overlay scaled by that pixel). The input video is scaled to
 * fit inside the canvas keeping its aspect ratio and centred on black bars (letterbox / pillarbox), so the
 * template's layers land exactly where the template puts them, as in a still render.
 *
 * <p><b>Still pictures.</b> An input that is a still picture ({@link MediaInfo#isStillImage()}: PNG, JPEG,
 * WebP, …) becomes a video of {@link Options#stillDuration()} at {@value #STILL_FPS} frames per second
 * (the picture looped).
 *
 * <p><b>Encoding.</b> H.264 (libx264, {@code yuv420p}, CRF 20, preset {@code veryfast}), the input's frame
 * rate, {@code -movflags +faststart}; audio AAC 160 kb/s.
 *
 * <p><b>Audio</b> ({@link AudioMode}). Without an audio file the input's first audio stream, if any, is
 * kept (re-encoded to AAC); an input without sound gives an output without sound. With one, the video
 * always decides the length: a longer audio is cut at the video's end, a shorter one is followed by
 * silence (the audio is padded, then {@code -shortest} ends the output with the video).
 * {@link AudioMode#REPLACE} replaces the input's sound with the audio file; {@link AudioMode#MIX} mixes
 * the audio file under the input's own sound, both at their own level (no normalisation), and behaves
 * like {@code REPLACE} when the input has no sound.
 *
 * <p><b>Untrusted inputs.</b> The input and the audio file are opened with
 * {@link FfmpegToolkit#guardedInput} (local file only, plain media demuxers only), so a playlist or a
 * file with external references cannot make ffmpeg open anything else.
 */
public class TemplateVideoRenderer {
    /** Frame rate of a video made from a still picture. */
    public static final int STILL_FPS = 25;

    /** What happens to the input's sound when an audio file is given. */
    public enum AudioMode {
        /** The audio file replaces the input's sound. */
        REPLACE,
        /** The audio file is mixed under the input's sound (replace when the input has none). */
        MIX;

        /**
         * {@code replace} or {@code mix} (case-insensitive); {@code null} or blank is {@link #REPLACE}.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static AudioMode parse(String value) {
            if (value == null || value.isBlank()) {
                return REPLACE;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "replace" -> REPLACE;
                case "mix" -> MIX;
                default -> throw new IllegalArgumentException("audio mode '" + value + "' is not replace or mix");
            };
        }
    }

    /**
     * How to render.
     *
     * @param audioMode     what an audio file does to the input's sound
     * @param stillDuration length of the video made from a still picture
     * @param maxLength     longest output written ({@code -t}), or {@code null} for no limit: a safety net for
     *                      inputs whose length ffmpeg cannot tell up front
     */
    public record Options(AudioMode audioMode, Duration stillDuration, Duration maxLength) {
        /** Default length of a video made from a still picture. */
        public static final Duration DEFAULT_STILL_DURATION = Duration.ofSeconds(5);

        public Options {
            Objects.requireNonNull(audioMode, "audioMode");
            Objects.requireNonNull(stillDuration, "stillDuration");
            if (stillDuration.isNegative() || stillDuration.isZero()) {
                throw new IllegalArgumentException("stillDuration must be positive: " + stillDuration);
            }
            if (maxLength != null && (maxLength.isNegative() || maxLength.isZero())) {
                throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
            }
        }

        /** Replace, 5 s for a still picture, no length limit. */
        public static Options defaults() {
            return new Options(AudioMode.REPLACE, DEFAULT_STILL_DURATION, null);
        }

        public Options withAudioMode(AudioMode mode) {
            return new Options(mode, stillDuration, maxLength);
        }

        public Options withStillDuration(Duration duration) {
            return new Options(audioMode, duration, maxLength);
        }

        public Options withMaxLength(Duration length) {
            return new Options(audioMode, stillDuration, length);
        }
    }

    private final FfmpegToolkit toolkit;

    public TemplateVideoRenderer(FfmpegToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit);
    }

    /** {@link #render(Path, byte[], Path, Path, Options)} with {@link Options#defaults()}. */
    public MediaInfo render(Path inputVideo, byte[] overlayPng, Path audioOrNull, Path output) {
        return render(inputVideo, overlayPng, audioOrNull, output, Options.defaults());
    }

    /**
     * Renders {@code output} (an MP4, replaced if present; removed again if the render fails).
     *
     * @param inputVideo  the video (or still picture) to overlay
     * @param overlayPng  the template's layers, canvas-sized, PNG with alpha
     * @param audioOrNull an audio file that replaces or is mixed under the input's sound, or {@code null} to
     *                    keep the input's sound
     * @param output      where the MP4 goes
     * @param options     audio mode, still-picture length, length limit
     * @return what the output holds (probed)
     * @throws VideoException with the codes of {@link VideoException}
     */
    public MediaInfo render(Path inputVideo, byte[] overlayPng, Path audioOrNull, Path output, Options options) {
        Objects.requireNonNull(inputVideo, "inputVideo");
        return render(inputVideo, toolkit.probe(inputVideo), overlayPng, audioOrNull,
                audioOrNull == null ? null : toolkit.probe(audioOrNull), output, options);
    }

    /**
     * {@link #render(Path, byte[], Path, Path, Options)} for inputs the caller has already probed, so they
     * are not read a second time.
     *
     * @param input what {@code inputVideo} holds ({@link FfmpegToolkit#probe})
     * @param audio what {@code audioOrNull} holds, or {@code null} without audio
     */
    public MediaInfo render(Path inputVideo, MediaInfo input, byte[] overlayPng, Path audioOrNull, MediaInfo audio,
                            Path output, Options options) {
        Objects.requireNonNull(inputVideo, "inputVideo");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(overlayPng, "overlayPng");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(options, "options");
        if ((audioOrNull == null) != (audio == null)) {
            throw new IllegalArgumentException("an audio file and what it holds go together");
        }
        int[] canvas = pngSize(overlayPng);
        int width = canvas[0] & ~1;
        int height = canvas[1] & ~1;
        if (width < 2 || height < 2) {
            throw new VideoException(VideoException.INVALID_MEDIA, "the overlay is smaller than 2x2: "
                    + canvas[0] + "x" + canvas[1]);
        }
        if (input.video().isEmpty()) {
            throw new VideoException(VideoException.INVALID_MEDIA, inputVideo.getFileName() + " has no video stream");
        }
        if (audio != null && audio.audio().isEmpty()) {
            throw new VideoException(VideoException.INVALID_MEDIA, audioOrNull.getFileName() + " has no audio stream");
        }
        boolean still = input.isStillImage();
        boolean mix = audioOrNull != null && options.audioMode() == AudioMode.MIX && input.audio().isPresent();
        Path overlay = null;
        try {
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            overlay = Files.createTempFile(dir, "overlay", ".png");
            Files.write(overlay, overlayPng);

            StringBuilder filter = new StringBuilder(String.format(Locale.ROOT,
                    "[0:v]scale=%1$d:%2$d:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                            + "pad=%1$d:%2$d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[bg];"
                            + "[1:v]scale=%1$d:%2$d,format=rgba[ov];"
                            + "[bg][ov]overlay=0:0:eof_action=repeat,format=yuv420p[v]", width, height));
            if (mix) {
                // both sounds at their own level (normalize=0), in one common format, padded with silence and
                // cut at the video's length (-shortest alone does not end an output whose streams all come
                // from one filter graph with an endless pad); a video of unknown length ends with the shorter
                double length = still ? options.stillDuration().toMillis() / 1000.0 : input.durationSeconds();
                if (options.maxLength() != null && length > 0) {
                    length = Math.min(length, options.maxLength().toMillis() / 1000.0);
                }
                filter.append(";[0:a:0]").append(COMMON_AUDIO).append("[a0];[2:a:0]").append(COMMON_AUDIO)
                        .append("[a2];[a0][a2]amix=inputs=2:duration=longest:dropout_transition=0:normalize=0")
                        .append(length > 0 ? String.format(Locale.ROOT, ",apad,atrim=end=%.3f", length) : "")
                        .append("[a]");
            }
            List<String> args = new ArrayList<>(List.of("-y", "-v", "error"));
            if (still) {
                args.addAll(List.of("-loop", "1", "-framerate", Integer.toString(STILL_FPS),
                        "-t", seconds(options.stillDuration())));
            }
            args.addAll(FfmpegToolkit.guardedInput(inputVideo));
            args.addAll(List.of("-f", "png_pipe", "-i", overlay.toString()));
            if (audioOrNull != null) {
                args.addAll(FfmpegToolkit.guardedInput(audioOrNull));
            }
            args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]"));
            if (mix) {
                args.addAll(List.of("-map", "[a]", "-shortest"));
            } else if (audioOrNull != null) {
                args.addAll(List.of("-map", "2:a:0", "-af", "apad", "-shortest"));
            } else {
                args.addAll(List.of("-map", "0:a:0?"));
            }
            if (options.maxLength() != null) {
                args.addAll(List.of("-t", seconds(options.maxLength())));
            }
            args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", "-f", "mp4", output.toString()));
            toolkit.runChecked(args);
            return toolkit.probe(output);
        } catch (IOException e) {
            deleteQuietly(output);
            throw new VideoException(VideoException.FFMPEG_FAILED, "cannot write the video: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(output);
            throw e;
        } finally {
            deleteQuietly(overlay);
        }
    }

    /** The format both sounds are brought to before they are mixed. */
    private static final String COMMON_AUDIO = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";

    /** Seconds with millisecond precision, as ffmpeg reads them ({@code 5.000}). */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    private static int[] pngSize(byte[] png) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReadersByFormatName("png");
            if (readers != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    return new int[]{reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new VideoException(VideoException.INVALID_MEDIA, "the overlay is not a PNG: " + e.getMessage(), e);
        }
        throw new VideoException(VideoException.INVALID_MEDIA, "the overlay is not a PNG");
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
