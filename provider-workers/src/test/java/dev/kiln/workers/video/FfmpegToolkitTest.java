package dev.kiln.workers.video;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegToolkitTest {

    @Test
    void parsesTimeouts() {
        assertThat(FfmpegToolkit.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(FfmpegToolkit.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FfmpegToolkit.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(FfmpegToolkit.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> FfmpegToolkit.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBundledProgramHasTheEncodersTheRendererNeeds() {
        FfmpegToolkit toolkit = FfmpegToolkit.bundled();
        assertThat(toolkit.runChecked(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "null", "-")).exitCode()).isZero();
        assertThat(toolkit.runChecked(List.of("-v", "error", "-f", "lavfi", "-i", "sine", "-t", "0.2",
                "-c:a", "aac", "-f", "null", "-")).exitCode()).isZero();
        assertThatThrownBy(() -> toolkit.runChecked(List.of("-v", "error", "-f", "lavfi", "-i", "sine", "-t", "0.2",
                "-c:a", "no_such_encoder", "-f", "null", "-")))
                .isInstanceOfSatisfying(VideoException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(VideoException.FFMPEG_FAILED);
                    assertThat(e.getMessage()).contains("no_such_encoder");
                });
    }
}
