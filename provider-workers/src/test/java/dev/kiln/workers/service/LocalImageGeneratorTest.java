package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalImageGeneratorTest {
    private final LocalImageGenerator generator = new LocalImageGenerator("kiln:fail");

    private static JobSpec spec(String prompt, int width, int height) {
        return new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", prompt, Map.of(), width, height, "image/png");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodes as PNG").isNotNull();
        return image;
    }

    @Test
    void samePromptAndSizeGiveIdenticalBytes() {
        byte[] first = generator.generate(spec("a red fox in the snow", 320, 200)).data();
        byte[] second = new LocalImageGenerator("kiln:fail").generate(spec("a red fox in the snow", 320, 200)).data();
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "1344,768", "768,1344", "1184,864", "64,48", "1,1"})
    void rendersExactlyTheRequestedSize(int width, int height) throws IOException {
        GeneratedOutput output = generator.generate(spec("ratio " + width + "x" + height, width, height));
        assertThat(output.contentType()).isEqualTo("image/png");
        assertThat(output.width()).isEqualTo(width);
        assertThat(output.height()).isEqualTo(height);
        BufferedImage image = decode(output.data());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Test
    void differentPromptsGiveDifferentImages() throws IOException {
        BufferedImage a = decode(generator.generate(spec("a lighthouse at dusk", 128, 128)).data());
        BufferedImage b = decode(generator.generate(spec("a lighthouse at dawn", 128, 128)).data());
        int differing = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels that differ").isGreaterThan(128 * 128 / 2);
    }

    @Test
    void failureMarkerFailsWithGenerationFailed() {
        assertThatThrownBy(() -> generator.generate(spec("kiln:fail please", 64, 64)))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("generation_failed"));
        assertThat(new LocalImageGenerator("boom!").generate(spec("kiln:fail is only the default", 8, 8)).data()).isNotEmpty();
    }

    @Test
    void writesAJpegWhenTheSpecAsksForOne() throws IOException {
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "image-01", "cute bear mascot", Map.of("image_size", "HD"),
                1280, 720, "image/jpeg");
        GeneratedOutput output = generator.generate(spec);
        assertThat(output.contentType()).isEqualTo("image/jpeg");
        assertThat(output.extension()).isEqualTo("jpg");
        assertThat(output.data()).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage image = decode(output.data());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);
        assertThat(generator.generate(spec).data()).isEqualTo(output.data());
    }

    @Test
    void rejectsVideoFormats() {
        assertThatThrownBy(() -> generator.generate(new JobSpec(JobKind.AI_VIDEO, "veo-3.1-generate-preview", "a clip",
                Map.of("duration", "4s"), 64, 64, "video/mp4")))
                .isInstanceOfSatisfying(GenerationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("generation_failed");
                    assertThat(e.getMessage()).contains("video/mp4");
                });
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> generator.generate(spec("zero", 0, 10)))
                .isInstanceOf(GenerationException.class);
        assertThatThrownBy(() -> generator.generate(spec("huge", LocalImageGenerator.MAX_SIDE + 1, 10)))
                .isInstanceOf(GenerationException.class);
    }
}
