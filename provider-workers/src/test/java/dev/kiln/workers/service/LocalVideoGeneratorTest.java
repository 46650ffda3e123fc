package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import dev.kiln.workers.testing.Mp4Probe;
import org.jcodec.common.Codec;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalVideoGeneratorTest {
    private static final int FPS = 8;
    private final LocalVideoGenerator generator = new LocalVideoGenerator("kiln:fail",
            new VideoSettings(FPS, Duration.ofSeconds(6), Duration.ofSeconds(60)));

    private static JobSpec spec(String model, String prompt, String ratio, String resolution, String duration,
                                int width, int height) {
        return new JobSpec(JobKind.AI_VIDEO, model, prompt,
                Map.of("aspect_ratio", ratio, "resolution", resolution, "duration", duration),
                width, height, "video/mp4");
    }

    private static void assertVideo(GeneratedOutput output, int width, int height, double seconds) throws Exception {
        assertThat(output.contentType()).isEqualTo("video/mp4");
        assertThat(output.extension()).isEqualTo("mp4");
        assertThat(output.width()).isEqualTo(width);
        assertThat(output.height()).isEqualTo(height);
        Mp4Probe probe = Mp4Probe.of(output.data());
        assertThat(probe.brand()).isEqualTo("isom");
        assertThat(probe.codec()).isEqualTo(Codec.H264);
        assertThat(probe.fourcc()).isEqualTo("avc1");
        assertThat(probe.width()).isEqualTo(width);
        assertThat(probe.height()).isEqualTo(height);
        assertThat(probe.spsWidth()).as("width coded in the SPS, after cropping").isEqualTo(width);
        assertThat(probe.spsHeight()).as("height coded in the SPS, after cropping").isEqualTo(height);
        assertThat(probe.durationSeconds()).isCloseTo(seconds, within(1.0 / FPS));
        assertThat(probe.frames()).isEqualTo((int) Math.round(seconds * FPS));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
            "veo-3.1-fast-generate-preview, 16:9, 720p,  4s, 1280, 720",
            "veo-3.1-fast-generate-preview, 9:16, 720p,  4s, 720,  1280",
            "MiniMax-Hailuo-2.3,           16:9, 1080p, 6s, 1920, 1080"})
    void encodesAnH264Mp4OfTheRequestedSizeAndDuration(String model, String ratio, String resolution, String duration,
                                                       int width, int height) throws Exception {
        JobSpec spec = spec(model, "a paper boat on a rainy street", ratio, resolution, duration, width, height);
        long started = System.nanoTime();
        GeneratedOutput output = generator.generate(spec);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("LocalVideoGenerator %s %s %s %s (%dx%d): %d ms, %d bytes%n", model, ratio, resolution,
                duration, width, height, millis, output.data().length);
        assertVideo(output, width, height, Integer.parseInt(duration.replace("s", "")));
    }

    @Test
    void firstAndLastFramesDecodeAndTheDiscMoves() throws Exception {
        byte[] mp4 = generator.generate(spec("veo-3.0-fast-generate-preview", "moving things", "16:9", "720p", "2s",
                320, 180)).data();
        Picture first = Mp4Probe.decodeFrame(mp4, 0);
        Picture last = Mp4Probe.decodeFrame(mp4, 2 * FPS - 1);
        assertThat(first.getCroppedWidth()).isEqualTo(320);
        assertThat(first.getCroppedHeight()).isEqualTo(180);
        byte[] a = first.getPlaneData(0);
        byte[] b = last.getPlaneData(0);
        int differing = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (Math.abs(a[i] - b[i]) > 16) {
                differing++;
            }
        }
        assertThat(differing).as("luma samples that changed between the first and the last frame").isGreaterThan(500);
    }

    @Test
    void samePromptGivesIdenticalBytesAndOtherPromptsDiffer() {
        JobSpec spec = spec("veo-3.1-generate-preview", "a red fox in the snow", "16:9", "720p", "1s", 256, 144);
        byte[] first = generator.generate(spec).data();
        byte[] second = new LocalVideoGenerator("kiln:fail", VideoSettings.defaults()).generate(spec).data();
        assertThat(second).isEqualTo(first);
        byte[] other = generator.generate(spec("veo-3.1-generate-preview", "a red fox in the rain", "16:9", "720p", "1s",
                256, 144)).data();
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource({"6s, 6000", "10s, 10000", "4.5s, 4500", "8, 8000", "' 4S ', 4000"})
    void readsTheDurationOption(String raw, long millis) {
        assertThat(generator.duration(spec("m", "p", "16:9", "720p", raw, 64, 64))).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void defaultsTheDurationAndCountsFrames() {
        JobSpec noDuration = new JobSpec(JobKind.AI_VIDEO, "m", "p", Map.of(), 64, 64, "video/mp4");
        assertThat(generator.duration(noDuration)).isEqualTo(Duration.ofSeconds(6));
        assertThat(generator.frameCount(Duration.ofSeconds(6))).isEqualTo(48);
        assertThat(generator.frameCount(Duration.ofMillis(10))).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"six seconds", "0s", "-4s", "61s", "1e3s"})
    void rejectsBadDurations(String raw) {
        assertThatThrownBy(() -> generator.generate(spec("m", "p", "16:9", "720p", raw, 64, 64)))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("generation_failed"));
    }

    @Test
    void failureMarkerOddSizesAndImageFormatsFail() {
        assertThatThrownBy(() -> generator.generate(spec("m", "kiln:fail please", "16:9", "720p", "4s", 64, 64)))
                .isInstanceOfSatisfying(GenerationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("generation_failed");
                    assertThat(e.getMessage()).contains("kiln:fail");
                });
        assertThatThrownBy(() -> generator.generate(spec("m", "odd", "16:9", "720p", "1s", 65, 64)))
                .isInstanceOf(GenerationException.class).hasMessageContaining("even");
        assertThatThrownBy(() -> generator.generate(spec("m", "huge", "16:9", "720p", "1s", 4098, 64)))
                .isInstanceOf(GenerationException.class);
        assertThatThrownBy(() -> generator.generate(new JobSpec(JobKind.AI_IMAGE, "m", "an image", Map.of(), 64, 64,
                "image/png"))).isInstanceOf(GenerationException.class).hasMessageContaining("image/png");
    }
}
