package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.service.media.H264Mp4Writer;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;

import java.awt.Color;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local <b>video</b> stand-in of the {@code local-minimax-video} and {@code local-veo-video}
 * pools. <b>This is not AI</b> (see {@link LocalGenerator}): it produces a real H.264 MP4 of the
 * requested size and duration whose content is derived deterministically from the prompt.
 *
 * <p>The clip shows the {@link PromptPicture} of the prompt (the picture the image stand-in draws)
 * with a disc moving across it along a path chosen by the prompt's hash, and a progress bar along
 * the bottom edge that fills up over the clip. It has {@code round(duration x fps)} frames at
 * {@code kiln.workers.video.fps} (default 8) frames per second; the duration comes from the spec's
 * {@code duration} option ({@code 6s}, {@code 10s}, {@code 4.5s} or plain seconds; default
 * {@code kiln.workers.video.default-duration}), the size from {@code spec.width() x spec.height()}
 * (even, at most 4096 per side). Encoding: {@link H264Mp4Writer} (pure-Java JCodec, H.264
 * Constrained Baseline, a key frame every 2 s). The same prompt, size and duration always give a
 * byte-identical file.
 *
 * <p>Fails with {@code generation_failed} on the failure marker, a non-video format, odd or
 * oversized dimensions, an unreadable duration or one above {@code kiln.workers.video.max-duration}.
 */
@Singleton
public class LocalVideoGenerator extends LocalGenerator {
    public static final String CONTENT_TYPE = "video/mp4";
    /** The spec option that holds the clip length, e.g. {@code 6s}. */
    public static final String DURATION_OPTION = "duration";

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,4}(?:\\.\\d{1,3})?)\\s*s?\\s*", Pattern.CASE_INSENSITIVE);

    private final VideoSettings settings;

    @Inject
    public LocalVideoGenerator(WorkerConfig config) {
        this(config.failureMarker(), new VideoSettings(config.video().fps(), config.video().defaultDuration(),
                config.video().maxDuration()));
    }

    public LocalVideoGenerator(String failureMarker, VideoSettings settings) {
        super(failureMarker);
        this.settings = settings;
    }

    @Override
    public List<String> contentTypes() {
        return List.of(CONTENT_TYPE);
    }

    /** Frames per second of the clips this generator makes. */
    public int fps() {
        return settings.fps();
    }

    /**
     * The clip length a spec asks for: its {@code duration} option ({@code 6s}, {@code 4.5s},
     * {@code 10}) or the configured default.
     *
     * @throws dev.kiln.workers.domain.GenerationException ({@code generation_failed}) if unreadable,
     *                                                      not positive or above the maximum
     */
    public Duration duration(JobSpec spec) {
        String raw = spec.options().get(DURATION_OPTION);
        if (raw == null || raw.isBlank()) {
            return settings.defaultDuration();
        }
        Matcher m = DURATION.matcher(raw);
        if (!m.matches()) {
            throw failed("Unreadable duration '" + raw + "'; expected seconds such as 6s");
        }
        long millis = new BigDecimal(m.group(1)).movePointRight(3).longValue();
        Duration duration = Duration.ofMillis(millis);
        if (duration.isZero() || duration.compareTo(settings.maxDuration()) > 0) {
            throw failed("Duration " + raw + " is outside 0.." + settings.maxDuration().toSeconds()
                    + "s of the local video generator");
        }
        return duration;
    }

    /** Frames of a clip of {@code duration}: {@code round(seconds x fps)}, at least 1. */
    public int frameCount(Duration duration) {
        return (int) Math.max(1, Math.round(duration.toMillis() * settings.fps() / 1000.0));
    }

    @Override
    protected GeneratedOutput produce(JobSpec spec, String format, byte[] seed) {
        int width = spec.width();
        int height = spec.height();
        if (width % 2 != 0 || height % 2 != 0) {
            throw failed("Video dimensions must be even (H.264 4:2:0), not " + width + "x" + height);
        }
        int frames = frameCount(duration(spec));

        Picture background = AWTUtil.fromBufferedImage(PromptPicture.render(seed, width, height), ColorSpace.YUV420J);
        H264Mp4Writer writer = new H264Mp4Writer(width, height, settings.fps(), 2 * settings.fps());
        Picture frame = writer.newFrame();
        Motion motion = new Motion(seed, width, height);
        for (int i = 0; i < frames; i++) {
            copy(background, frame);
            motion.draw(frame, i, frames);
            writer.encode(frame);
        }
        return new GeneratedOutput(writer.finish(), CONTENT_TYPE, "mp4", width, height);
    }

    private static void copy(Picture from, Picture to) {
        for (int plane = 0; plane < 3; plane++) {
            byte[] src = from.getPlaneData(plane);
            System.arraycopy(src, 0, to.getPlaneData(plane), 0, src.length);
        }
    }

    /** What moves: a disc on a Lissajous path and a progress bar, both chosen by the seed. */
    private static final class Motion {
        private final int width;
        private final int height;
        private final int radius;
        private final int barHeight;
        private final double phaseX;
        private final double phaseY;
        private final int loopsX;
        private final int loopsY;
        private final byte[] disc;
        private final byte[] bar;

        Motion(byte[] seed, int width, int height) {
            this.width = width;
            this.height = height;
            int unit = Math.min(width, height);
            this.radius = Math.max(1, unit / 10);
            this.barHeight = Math.min(height, Math.max(2, (unit / 60) & ~1));
            this.phaseX = (seed[16] & 0xff) / 256.0 * 2 * Math.PI;
            this.phaseY = (seed[17] & 0xff) / 256.0 * 2 * Math.PI;
            this.loopsX = 1 + (seed[18] & 0xff) % 2;
            this.loopsY = 1 + (seed[19] & 0xff) % 3;
            Color c = PromptPicture.colour(seed, 20);
            this.disc = yuv(new Color(255 - c.getRed() / 2, 255 - c.getGreen() / 2, 255 - c.getBlue() / 2));
            this.bar = yuv(Color.WHITE);
        }

        void draw(Picture frame, int index, int frames) {
            double t = frames <= 1 ? 0 : (double) index / frames;
            double cx = radius + (width - 2.0 * radius) * (0.5 + 0.5 * Math.sin(2 * Math.PI * loopsX * t + phaseX));
            double cy = radius + (height - 2.0 * radius) * (0.5 + 0.5 * Math.sin(2 * Math.PI * loopsY * t + phaseY));
            fillDisc(frame, cx, cy, radius, disc);
            int filled = (int) Math.round(width * (index + 1) / (double) frames);
            fillRect(frame, 0, height - barHeight, filled & ~1, barHeight, bar);
        }

        /** Full-range (JPEG) Y, Cb, Cr of {@code c}, minus 128 as JCodec stores samples. */
        private static byte[] yuv(Color c) {
            int r = c.getRed();
            int g = c.getGreen();
            int b = c.getBlue();
            int y = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            int cb = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            int cr = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
            return new byte[]{(byte) (clamp(y) - 128), (byte) (clamp(cb) - 128), (byte) (clamp(cr) - 128)};
        }

        private static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }

        private static void fillDisc(Picture p, double cx, double cy, int r, byte[] colour) {
            for (int plane = 0; plane < 3; plane++) {
                int shift = plane == 0 ? 0 : 1;
                int pw = p.getPlaneWidth(plane);
                int ph = p.getPlaneHeight(plane);
                byte[] data = p.getPlaneData(plane);
                double pcx = cx / (1 << shift);
                double pcy = cy / (1 << shift);
                double pr = (double) r / (1 << shift);
                double pr2 = pr * pr;
                int x0 = Math.max(0, (int) Math.floor(pcx - pr));
                int x1 = Math.min(pw - 1, (int) Math.ceil(pcx + pr));
                int y0 = Math.max(0, (int) Math.floor(pcy - pr));
                int y1 = Math.min(ph - 1, (int) Math.ceil(pcy + pr));
                for (int y = y0; y <= y1; y++) {
                    double dy = y + 0.5 - pcy;
                    int row = y * pw;
                    for (int x = x0; x <= x1; x++) {
                        double dx = x + 0.5 - pcx;
                        if (dx * dx + dy * dy <= pr2) {
                            data[row + x] = colour[plane];
                        }
                    }
                }
            }
        }

        /** Fills an even-aligned rectangle given in luma pixels. */
        private static void fillRect(Picture p, int x, int y, int w, int h, byte[] colour) {
            for (int plane = 0; plane < 3; plane++) {
                int shift = plane == 0 ? 0 : 1;
                int pw = p.getPlaneWidth(plane);
                byte[] data = p.getPlaneData(plane);
                int px0 = x >> shift;
                int px1 = Math.min(pw, (x + w) >> shift);
                int py0 = y >> shift;
                int py1 = Math.min(p.getPlaneHeight(plane), (y + h) >> shift);
                for (int row = py0; row < py1; row++) {
                    java.util.Arrays.fill(data, row * pw + px0, row * pw + Math.max(px0, px1), colour[plane]);
                }
            }
        }
    }
}
