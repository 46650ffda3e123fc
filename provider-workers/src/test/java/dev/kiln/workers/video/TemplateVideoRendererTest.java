package dev.kiln.workers.video;

import dev.kiln.workers.testing.Mp4Probe;
import org.jcodec.common.Codec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Renders real template videos with the bundled ffmpeg: inputs are made by ffmpeg itself (test pattern
 * plus a sine tone), outputs are checked with ffmpeg's input report, JCodec's MP4 demuxer and a frame
 * extracted to PNG.
 */
class TemplateVideoRendererTest {
    private static final Color OVERLAY = new Color(255, 0, 0);

    @TempDir
    static Path dir;
    static FfmpegToolkit toolkit;
    static Path input;

    @BeforeAll
    static void makeInput() {
        toolkit = FfmpegToolkit.bundled();
        input = dir.resolve("input.mp4");
        toolkit.runChecked(List.of("-y", "-v", "error",
                "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", "2", "-ac", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                input.toString()));
    }

    /** A transparent canvas with an opaque red box at (20,20)-(220,120). */
    static byte[] overlay(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(OVERLAY);
        g.fillRect(20, 20, 200, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static BufferedImage frameAt(Path video, String time) throws IOException {
        Path png = dir.resolve("frame-" + System.nanoTime() + ".png");
        toolkit.runChecked(List.of("-y", "-v", "error", "-ss", time, "-i", video.toString(), "-frames:v", "1", png.toString()));
        return ImageIO.read(png.toFile());
    }

    static void assertColour(BufferedImage image, int x, int y, Color expected) {
        Color actual = new Color(image.getRGB(x, y));
        assertThat(actual.getRed()).as("red at %d,%d", x, y).isCloseTo(expected.getRed(), within(40));
        assertThat(actual.getGreen()).as("green at %d,%d", x, y).isCloseTo(expected.getGreen(), within(40));
        assertThat(actual.getBlue()).as("blue at %d,%d", x, y).isCloseTo(expected.getBlue(), within(40));
    }

    @Test
    void inputIsWhatTheTestsAssume() {
        MediaInfo info = toolkit.probe(input);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec, MediaInfo.VideoStream::width,
                MediaInfo.VideoStream::height).containsExactly("h264", 640, 360);
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec, MediaInfo.AudioStream::sampleRate,
                MediaInfo.AudioStream::channels).containsExactly("aac", 44100, 2);
    }

    @Test
    void overlaysTheTemplateAndKeepsTheInputsSound() throws Exception {
        Path output = dir.resolve("kept.mp4");
        MediaInfo info = new TemplateVideoRenderer(toolkit).render(input, overlay(640, 360), null, output);

        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.2));
        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec, MediaInfo.VideoStream::pixelFormat,
                MediaInfo.VideoStream::width, MediaInfo.VideoStream::height).containsExactly("h264", "yuv420p", 640, 360);
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec, MediaInfo.AudioStream::sampleRate,
                MediaInfo.AudioStream::channels).containsExactly("aac", 44100, 2);

        Mp4Probe mp4 = Mp4Probe.of(Files.readAllBytes(output));
        assertThat(mp4.codec()).isEqualTo(Codec.H264);
        assertThat(mp4.width()).isEqualTo(640);
        assertThat(mp4.height()).isEqualTo(360);
        assertThat(mp4.durationSeconds()).isCloseTo(2.0, within(0.2));

        for (String time : List.of("0", "1.5")) {
            BufferedImage frame = frameAt(output, time);
            assertThat(frame.getWidth()).isEqualTo(640);
            assertColour(frame, 120, 70, OVERLAY);
        }
    }

    @Test
    void replacesTheSoundWithTheGivenAudioAndTheVideoDecidesTheLength() throws Exception {
        Path shortAudio = dir.resolve("short.m4a");
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=22050",
                "-t", "1", "-ac", "1", "-c:a", "aac", shortAudio.toString()));
        Path longAudio = dir.resolve("long.m4a");
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=22050",
                "-t", "5", "-ac", "1", "-c:a", "aac", longAudio.toString()));
        TemplateVideoRenderer renderer = new TemplateVideoRenderer(toolkit);

        for (Path audio : List.of(shortAudio, longAudio)) {
            Path output = dir.resolve("replaced-" + audio.getFileName() + ".mp4");
            MediaInfo info = renderer.render(input, overlay(640, 360), audio, output);
            assertThat(info.durationSeconds()).as(audio.getFileName().toString()).isCloseTo(2.0, within(0.2));
            assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec).isEqualTo("h264");
            assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec, MediaInfo.AudioStream::sampleRate,
                    MediaInfo.AudioStream::channels).containsExactly("aac", 22050, 1);
        }
    }

    @Test
    void aCanvasOfAnotherShapeLetterboxesTheVideo() throws Exception {
        Path output = dir.resolve("square.mp4");
        MediaInfo info = new TemplateVideoRenderer(toolkit).render(input, overlay(721, 720), null, output);

        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::width, MediaInfo.VideoStream::height)
                .containsExactly(720, 720);
        BufferedImage frame = frameAt(output, "1");
        assertColour(frame, 120, 70, OVERLAY);
        // 640x360 scaled to 720x405, centred: black bars above y=157 and below y=562
        assertColour(frame, 360, 140, Color.BLACK);
        assertColour(frame, 360, 700, Color.BLACK);
    }

    @Test
    void aCorruptInputIsInvalidMediaQuickly() throws Exception {
        Path corrupt = dir.resolve("corrupt.mp4");
        byte[] noise = new byte[64 * 1024];
        new Random(5).nextBytes(noise);
        Files.write(corrupt, noise);
        Path output = dir.resolve("corrupt-out.mp4");

        long start = System.nanoTime();
        assertThatThrownBy(() -> new TemplateVideoRenderer(toolkit).render(corrupt, overlay(640, 360), null, output))
                .isInstanceOfSatisfying(VideoException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(VideoException.INVALID_MEDIA));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(output).doesNotExist();
    }

    @Test
    void aRunPastTheTimeoutIsKilled() {
        Path longInput = dir.resolve("long-input.mp4");
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=25",
                "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", longInput.toString()));
        Path output = dir.resolve("timed-out.mp4");
        TemplateVideoRenderer renderer = new TemplateVideoRenderer(toolkit.withTimeout(Duration.ofMillis(400)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> renderer.render(longInput, overlay(1280, 720), null, output))
                .isInstanceOfSatisfying(VideoException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(VideoException.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingToolkitIsAClearError() {
        FfmpegToolkit missing = new FfmpegToolkit(Optional.of(dir.resolve("no-such-ffmpeg")), Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.probe(input))
                .isInstanceOfSatisfying(VideoException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(VideoException.TOOLKIT_MISSING);
                    assertThat(e.getMessage()).contains(FfmpegToolkit.FFMPEG_PATH_KEY);
                });
    }
}
