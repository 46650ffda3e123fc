package dev.kiln.workers.video;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p><b>Encoding.</b> H.264 (libx264, {@code yuv420p}, CRF 20, preset {@code veryfast}), the input's frame
 * rate, {@code -movflags +faststart}; audio AAC 160 kb/s.
 *
 * <p><b>Audio.</b> With an audio file the input's sound is <em>replaced</em> by it, and the video decides
 * the length: a longer audio is cut at the video's end, a shorter one is followed by silence (the audio
 * is padded, then {@code -shortest} ends the output with the video). Without one the input's first audio
 * stream, if any, is kept (re-encoded to AAC); an input without sound gives an output without sound.
 */
public class TemplateVideoRenderer {
    private final FfmpegToolkit toolkit;

    public TemplateVideoRenderer(FfmpegToolkit toolkit) {
        this.toolkit = Objects.requireNonNull(toolkit);
    }

    /**
     * Renders {@code output} (an MP4, replaced if present; removed again if the render fails).
     *
     * @param inputVideo  the video to overlay
     * @param overlayPng  the template's layers, canvas-sized, PNG with alpha
     * @param audioOrNull an audio file that replaces the input's sound, or {@code null} to keep it
     * @param output      where the MP4 goes
     * @return what the output holds (probed)
     * @throws VideoException with the codes of {@link VideoException}
     */
    public MediaInfo render(Path inputVideo, byte[] overlayPng, Path audioOrNull, Path output) {
        Objects.requireNonNull(inputVideo, "inputVideo");
        Objects.requireNonNull(overlayPng, "overlayPng");
        Objects.requireNonNull(output, "output");
        int[] canvas = pngSize(overlayPng);
        int width = canvas[0] & ~1;
        int height = canvas[1] & ~1;
        if (width < 2 || height < 2) {
            throw new VideoException(VideoException.INVALID_MEDIA, "the overlay is smaller than 2x2: "
                    + canvas[0] + "x" + canvas[1]);
        }
        MediaInfo input = toolkit.probe(inputVideo);
        if (input.video().isEmpty()) {
            throw new VideoException(VideoException.INVALID_MEDIA, inputVideo.getFileName() + " has no video stream");
        }
        if (audioOrNull != null && toolkit.probe(audioOrNull).audio().isEmpty()) {
            throw new VideoException(VideoException.INVALID_MEDIA, audioOrNull.getFileName() + " has no audio stream");
        }
        Path overlay = null;
        try {
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            overlay = Files.createTempFile(dir, "overlay", ".png");
            Files.write(overlay, overlayPng);

            String filter = String.format(Locale.ROOT,
                    "[0:v]scale=%1$d:%2$d:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                            + "pad=%1$d:%2$d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[bg];"
                            + "[1:v]scale=%1$d:%2$d,format=rgba[ov];"
                            + "[bg][ov]overlay=0:0:eof_action=repeat,format=yuv420p[v]", width, height);
            List<String> args = new ArrayList<>(List.of("-y", "-v", "error", "-i", inputVideo.toString(),
                    "-i", overlay.toString()));
            if (audioOrNull != null) {
                args.addAll(List.of("-i", audioOrNull.toString()));
            }
            args.addAll(List.of("-filter_complex", filter, "-map", "[v]"));
            if (audioOrNull != null) {
                args.addAll(List.of("-map", "2:a:0", "-af", "apad", "-shortest"));
            } else {
                args.addAll(List.of("-map", "0:a:0?"));
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
