package dev.kiln.workers.render;

import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.TemplateRender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every output format decodes back (ImageIO; WebP through the same library's reader) at the canvas size. */
class OutputFormatsTest {
    static TestImageServer server;
    static TemplateRenderer renderer;

    @BeforeAll
    static void start() {
        server = new TestImageServer().png("/photo.png", SamplePictures.productPhoto());
        renderer = new TemplateRenderer(
                SafeImageFetcher.forTestsAllowing(SafeImageFetcher.Limits.defaults(), server.endpoint()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
            "png, image/png, png, png", "image/png, image/png, png, png",
            "jpeg, image/jpeg, jpg, jpeg", "JPG, image/jpeg, jpg, jpeg", "image/jpeg, image/jpeg, jpg, jpeg",
            "webp, image/webp, webp, webp", "image/webp, image/webp, webp, webp"})
    void decodesAtTheCanvasSize(String requested, String contentType, String extension, String readerFormat)
            throws Exception {
        TemplateRender render = new TemplateRender(BuiltinTemplates.get("product-card"), List.of(
                Templates.imageUrl("background", server.url("/photo.png")), Templates.text("title", "Ceramic mug")),
                false, null, null);
        RenderOutput out = renderer.render(render, requested);
        assertThat(out.contentType()).isEqualTo(contentType);
        assertThat(out.extension()).isEqualTo(extension);
        assertThat(out.width()).isEqualTo(1080);
        assertThat(out.height()).isEqualTo(1080);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(out.data()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertThat(readers.hasNext()).isTrue();
            ImageReader reader = readers.next();
            assertThat(reader.getFormatName().toLowerCase()).contains(readerFormat.equals("jpeg") ? "jp" : readerFormat);
            reader.setInput(in);
            BufferedImage decoded = reader.read(0);
            assertThat(decoded.getWidth()).isEqualTo(1080);
            assertThat(decoded.getHeight()).isEqualTo(1080);
            // the card's white and the photo survive the round trip (JPEG and WebP are lossy)
            assertThat(decoded.getRGB(540, 1020) & 0xFFFFFF).satisfies(rgb -> assertThat(distance(rgb, 0xFFFFFF)).isLessThan(12));
            assertThat(decoded.getRGB(20, 20) & 0xFFFFFF).satisfies(rgb -> assertThat(distance(rgb, 0xF4EFE6)).isLessThan(12));
            reader.dispose();
        }
        byte[] d = out.data();
        switch (extension) {
            case "png" -> assertThat(new String(d, 1, 3, "ISO-8859-1")).isEqualTo("PNG");
            case "jpg" -> assertThat(d[0] & 0xFF).isEqualTo(0xFF);
            default -> assertThat(new String(d, 8, 4, "ISO-8859-1")).isEqualTo("WEBP");
        }
    }

    static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }
}
