package dev.kiln.workers.render;

import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.workers.testing.MediaFixtures;
import dev.kiln.workers.video.FfmpegToolkit;
import dev.kiln.workers.video.MediaInfo;
import dev.kiln.workers.video.TemplateVideoRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The example template video in {@code docs/renders/}: the built-in story promo drawn over a 4 s moving
 * gradient (an ffmpeg test source with a fixed seed). With {@code -Dkiln.renders.update=true} the MP4 and
 * its frame at 2 s are rewritten; otherwise a fresh render's frame at 2 s must match the committed frame
 * (golden tolerance) and the committed MP4 must still be what the page says it is.
 */
class ExampleVideoRenderTest {
    static final Path VIDEO = ExampleRendersTest.DOCS.resolve("story-promo.mp4");
    static final Path FRAME = ExampleRendersTest.DOCS.resolve("story-promo-video-frame.png");

    @Test
    void storyPromoOverAMovingGradient(@TempDir Path dir) throws IOException {
        FfmpegToolkit toolkit = FfmpegToolkit.bundled();
        Path input = dir.resolve("gradient.mp4");
        toolkit.runChecked(List.of("-y", "-v", "error", "-f", "lavfi", "-i",
                "gradients=size=540x960:rate=12:speed=0.03:seed=7:nb_colors=4"
                        + ":c0=0x1f3a5f:c1=0xe4572e:c2=0xfdb022:c3=0x2a6f97",
                "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-f", "mp4",
                input.toString()));
        TemplateRender render = ExampleRendersTest.render("story-promo",
                Templates.text("eyebrow", "THIS WEEKEND ONLY"),
                Templates.text("title", "Evening sale: 30% off everything outdoors"),
                Templates.text("subtitle", "Tents, lamps and blankets for long summer nights."),
                Templates.text("cta_text", "Shop the sale"),
                Templates.text("qr", "https://kiln.example/sale"));
        byte[] overlay = new TemplateRenderer(new SafeImageFetcher())
                .render(new TemplateRender(render.template(), render.properties(), true, null, null), "png").data();
        Path output = dir.resolve("story-promo.mp4");

        MediaInfo info = new TemplateVideoRenderer(toolkit).render(input, overlay, null, output);

        assertThat(info.video()).hasValueSatisfying(v -> {
            assertThat(v.codec()).isEqualTo("h264");
            assertThat(v.width()).isEqualTo(BuiltinTemplates.get("story-promo").canvas().width());
            assertThat(v.height()).isEqualTo(BuiltinTemplates.get("story-promo").canvas().height());
        });
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.25));
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        ImageIO.write(new MediaFixtures(toolkit).frameAt(output, 2.0), "png", frame);
        boolean update = Boolean.getBoolean("kiln.renders.update");
        if (update) {
            Files.createDirectories(VIDEO.getParent());
            Files.copy(output, VIDEO, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Golden.assertMatches(FRAME, frame.toByteArray(), "-Dkiln.renders.update=true", update);

        MediaInfo committed = toolkit.probe(VIDEO);
        assertThat(committed.video()).hasValueSatisfying(v -> assertThat(v.codec()).isEqualTo("h264"));
        assertThat(committed.durationSeconds()).isCloseTo(4.0, within(0.25));
    }
}
