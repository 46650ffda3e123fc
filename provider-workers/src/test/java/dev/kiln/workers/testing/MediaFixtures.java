package dev.kiln.workers.testing;

import dev.kiln.workers.video.FfmpegToolkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Media made at test time with the bundled ffmpeg (test pattern and sine tones), and measurements of
 * rendered media: a frame as a picture, the level of a tone in the sound.
 */
public final class MediaFixtures {
    private final FfmpegToolkit toolkit;

    public MediaFixtures(FfmpegToolkit toolkit) {
        this.toolkit = toolkit;
    }

    /** An H.264 MP4 of the test pattern, with a stereo AAC sine of {@code toneHz} when it is positive. */
    public Path clip(Path file, int width, int height, int fps, double seconds, int toneHz) {
        List<String> args = new ArrayList<>(List.of("-y", "-v", "error", "-f", "lavfi", "-i",
                String.format(Locale.ROOT, "testsrc=size=%dx%d:rate=%d", width, height, fps)));
        if (toneHz > 0) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz + ":sample_rate=44100", "-ac", "2",
                    "-c:a", "aac"));
        }
        args.addAll(List.of("-t", seconds(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-f", "mp4", file.toString()));
        toolkit.runChecked(args);
        return file;
    }

    /** An AAC (M4A) mono sine of {@code toneHz}. */
    public Path tone(Path file, double seconds, int toneHz) {
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i",
                "sine=frequency=" + toneHz + ":sample_rate=22050", "-t", seconds(seconds), "-ac", "1", "-c:a", "aac",
                "-f", "ipod", file.toString()));
        return file;
    }

    /** One frame of the test pattern as a picture: {@code png}, {@code jpeg} ({@code mjpeg}) or {@code webp}. */
    public Path still(Path file, int width, int height, String codec) {
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i",
                String.format(Locale.ROOT, "testsrc=size=%dx%d", width, height), "-frames:v", "1",
                "-c:v", switch (codec) {
                    case "jpeg" -> "mjpeg";
                    case "webp" -> "libwebp";
                    default -> codec;
                }, "-f", "image2", file.toString()));
        return file;
    }

    /** The frame at {@code seconds} as a picture. */
    public BufferedImage frameAt(Path video, double seconds) throws IOException {
        Path png = Files.createTempFile(video.toAbsolutePath().getParent(), "frame", ".png");
        try {
            toolkit.runChecked(List.of("-y", "-v", "error", "-ss", seconds(seconds), "-i", video.toString(),
                    "-frames:v", "1", "-f", "image2", png.toString()));
            return ImageIO.read(png.toFile());
        } finally {
            Files.deleteIfExists(png);
        }
    }

    /**
     * The amplitude (0..1 of full scale) of a sine of {@code hz} in the file's sound, by the Goertzel
     * algorithm over its first {@code seconds} (mono, 8 kHz).
     */
    public double toneLevel(Path media, int hz, double seconds) throws IOException {
        Path pcm = Files.createTempFile(media.toAbsolutePath().getParent(), "sound", ".pcm");
        try {
            toolkit.runChecked(List.of("-y", "-v", "error", "-i", media.toString(), "-vn", "-t", seconds(seconds),
                    "-ac", "1", "-ar", "8000", "-f", "s16le", "-c:a", "pcm_s16le", pcm.toString()));
            ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
            int n = data.remaining() / 2;
            if (n == 0) {
                return 0;
            }
            double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                double s = data.getShort() / 32768.0 + coefficient * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            return 2 * Math.sqrt(Math.max(0, power)) / n;
        } finally {
            Files.deleteIfExists(pcm);
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
