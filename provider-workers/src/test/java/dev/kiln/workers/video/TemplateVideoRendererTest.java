package dev.kiln.workers.video;

import dev.kiln.workers.testing.MediaFixtures;
import dev.kiln.workers.testing.MediaServer;
import dev.kiln.workers.testing.Mp4Probe;
import dev.kiln.workers.video.TemplateVideoRenderer.AudioMode;
import dev.kiln.workers.video.TemplateVideoRenderer.Options;
import org.jcodec.common.Codec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "webp"})
    void aStillPictureBecomesAVideoOfTheStillDuration(String codec) throws Exception {
        // no file name extension: ffmpeg recognises the picture by its content, as with a download
        Path picture = new MediaFixtures(toolkit).still(dir.resolve("picture-" + codec + ".bin"), 400, 300, codec);
        MediaInfo still = toolkit.probe(picture);
        assertThat(still.isStillImage()).as("%s is a still picture", still).isTrue();
        Path output = dir.resolve("still-" + codec + ".mp4");

        MediaInfo info = new TemplateVideoRenderer(toolkit).render(picture, overlay(640, 360), null, output,
                Options.defaults().withStillDuration(Duration.ofMillis(1500)));

        assertThat(info.durationSeconds()).isCloseTo(1.5, within(0.1));
        assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec, MediaInfo.VideoStream::width,
                MediaInfo.VideoStream::height).containsExactly("h264", 640, 360);
        assertThat(info.audio()).isEmpty();
        BufferedImage frame = frameAt(output, "1");
        assertColour(frame, 120, 70, OVERLAY);
        // 400x300 fitted into 640x360 is 480x360, centred: black bars left of x=80
        assertColour(frame, 40, 200, Color.BLACK);
    }

    @Test
    void aStillPictureWithAudioTakesTheStillDurationAndKeepsTheSound() throws Exception {
        MediaFixtures media = new MediaFixtures(toolkit);
        Path picture = media.still(dir.resolve("with-audio.bin"), 320, 240, "png");
        Path audio = media.tone(dir.resolve("tone-3s.m4a"), 3, 1000);
        Path output = dir.resolve("still-audio.mp4");

        MediaInfo info = new TemplateVideoRenderer(toolkit).render(picture, overlay(320, 240), audio, output,
                Options.defaults().withStillDuration(Duration.ofSeconds(3)));

        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec).isEqualTo("aac");
        assertThat(media.toneLevel(output, 1000, 2.5)).isGreaterThan(0.05);
    }

    @Test
    void mixKeepsTheInputsSoundUnderTheAudioWhileReplaceDropsIt() throws Exception {
        MediaFixtures media = new MediaFixtures(toolkit);
        Path audio = media.tone(dir.resolve("background.m4a"), 5, 1000);
        TemplateVideoRenderer renderer = new TemplateVideoRenderer(toolkit);
        // the input has a 440 Hz tone, the audio file 1000 Hz
        assertThat(media.toneLevel(input, 440, 1.5)).isGreaterThan(0.05);

        Path replaced = dir.resolve("mode-replace.mp4");
        MediaInfo r = renderer.render(input, overlay(640, 360), audio, replaced, Options.defaults());
        Path mixed = dir.resolve("mode-mix.mp4");
        MediaInfo m = renderer.render(input, overlay(640, 360), audio, mixed, Options.defaults().withAudioMode(AudioMode.MIX));

        for (MediaInfo info : List.of(r, m)) {
            assertThat(info.durationSeconds()).as("the video decides the length").isCloseTo(2.0, within(0.2));
            assertThat(info.video()).get().extracting(MediaInfo.VideoStream::codec).isEqualTo("h264");
            assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec).isEqualTo("aac");
        }
        double replacedInput = media.toneLevel(replaced, 440, 1.5);
        double replacedAudio = media.toneLevel(replaced, 1000, 1.5);
        double mixedInput = media.toneLevel(mixed, 440, 1.5);
        double mixedAudio = media.toneLevel(mixed, 1000, 1.5);
        assertThat(replacedAudio).as("replace: the audio file").isGreaterThan(0.05);
        assertThat(replacedInput).as("replace: no input sound").isLessThan(0.01);
        assertThat(mixedAudio).as("mix: the audio file, at its level").isCloseTo(replacedAudio, within(replacedAudio * 0.3));
        assertThat(mixedInput).as("mix: the input's sound, at full level")
                .isCloseTo(media.toneLevel(input, 440, 1.5), within(0.04));
    }

    @Test
    void mixOnAnInputWithoutSoundIsLikeReplace() throws Exception {
        MediaFixtures media = new MediaFixtures(toolkit);
        Path silent = media.clip(dir.resolve("silent.mp4"), 320, 240, 10, 2, 0);
        Path audio = media.tone(dir.resolve("mix-only.m4a"), 1, 1000);
        Path output = dir.resolve("mix-silent.mp4");

        MediaInfo info = new TemplateVideoRenderer(toolkit).render(silent, overlay(320, 240), audio, output,
                Options.defaults().withAudioMode(AudioMode.MIX));

        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.2));
        assertThat(info.audio()).get().extracting(MediaInfo.AudioStream::codec).isEqualTo("aac");
        assertThat(media.toneLevel(output, 1000, 0.8)).isGreaterThan(0.05);
    }

    @Test
    void maxLengthEndsTheOutput() throws Exception {
        Path output = dir.resolve("limited.mp4");
        MediaInfo info = new TemplateVideoRenderer(toolkit).render(input, overlay(640, 360), null, output,
                Options.defaults().withMaxLength(Duration.ofSeconds(1)));
        assertThat(info.durationSeconds()).isCloseTo(1.0, within(0.1));
    }

    @Test
    void aPlaylistPosingAsAVideoIsRefusedWithoutOpeningWhatItNames() throws Exception {
        try (MediaServer server = new MediaServer().bytes("/segment.ts", "video/mp2t", new byte[188])) {
            Path playlist = dir.resolve("playlist.mp4");
            Files.writeString(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n" + server.url("/segment.ts")
                    + "\n#EXT-X-ENDLIST\n", StandardCharsets.US_ASCII);
            Path output = dir.resolve("playlist-out.mp4");

            assertThatThrownBy(() -> new TemplateVideoRenderer(toolkit).render(playlist, overlay(640, 360), null, output))
                    .isInstanceOfSatisfying(VideoException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(VideoException.INVALID_MEDIA));
            assertThat(server.hits("/segment.ts")).as("ffmpeg opened no URL").isZero();
            assertThat(output).doesNotExist();
        }
    }

    @Test
    void audioModesParse() {
        assertThat(AudioMode.parse(null)).isEqualTo(AudioMode.REPLACE);
        assertThat(AudioMode.parse(" ")).isEqualTo(AudioMode.REPLACE);
        assertThat(AudioMode.parse("replace")).isEqualTo(AudioMode.REPLACE);
        assertThat(AudioMode.parse("MIX")).isEqualTo(AudioMode.MIX);
        assertThatThrownBy(() -> AudioMode.parse("blend")).isInstanceOf(IllegalArgumentException.class);
    }
}
