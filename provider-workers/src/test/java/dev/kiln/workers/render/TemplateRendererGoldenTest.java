package dev.kiln.workers.render;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.TemplateRender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;

import static dev.kiln.workers.render.Templates.image;
import static dev.kiln.workers.render.Templates.outline;
import static dev.kiln.workers.render.Templates.render;
import static dev.kiln.workers.render.Templates.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Golden-image tests of the renderer (see {@link Golden} for the tolerance and how to update them).
 * Image layers fetch real PNGs from a loopback HTTP server through the {@link SafeImageFetcher}.
 */
class TemplateRendererGoldenTest {
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    static final String PARAGRAPH = "Kiln renders thousands of template variants: the same design, new words every time.";

    static TestImageServer server;
    static TemplateRenderer renderer;

    @BeforeAll
    static void start() {
        server = new TestImageServer().png("/halves.png", SamplePictures.halves());
        renderer = new TemplateRenderer(
                SafeImageFetcher.forTestsAllowing(SafeImageFetcher.Limits.defaults(), server.endpoint()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] png(TemplateRender render) {
        RenderOutput out = renderer.render(render, "png");
        assertThat(out.contentType()).isEqualTo("image/png");
        return out.data();
    }

    static TemplateRender aligned(String align) {
        return render(480, 200, "#FFFFFF",
                outline("box", 20, 20, 440, 160),
                text("body", 20, 20, 440, 160, PARAGRAPH, 28, align, "top"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"left", "center", "right"})
    void textAlignment(String align) {
        Golden.assertMatches("text-align-" + align, png(aligned(align)));
    }

    @Test
    void aDifferentAlignmentIsOutsideTheTolerance() {
        assumeThat(Golden.updating()).as("goldens are being rewritten").isFalse();
        BufferedImage left = Golden.golden("text-align-left");
        for (String other : new String[]{"center", "right"}) {
            Golden.Diff diff = Golden.diff(left, Golden.read(png(aligned(other))));
            assertThat(diff.withinTolerance()).as(other + " vs left golden: " + diff).isFalse();
        }
        // and the same render is well inside it
        assertThat(Golden.diff(left, Golden.read(png(aligned("left")))).withinTolerance()).isTrue();
    }

    @Test
    void alignmentMovesTheLines() {
        BufferedImage left = Golden.read(png(aligned("left")));
        BufferedImage right = Golden.read(png(aligned("right")));
        BufferedImage center = Golden.read(png(aligned("center")));
        // first line: ink starts at the box's left edge, ends at its right edge, or is centred
        int[] l = inkSpan(left, 20, 60);
        int[] r = inkSpan(right, 20, 60);
        int[] c = inkSpan(center, 20, 60);
        assertThat(l[0]).isBetween(20, 26);
        assertThat(r[1]).isBetween(454, 460);
        assertThat((c[0] + c[1]) / 2.0).isCloseTo(240.0, org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void wrapping() {
        String text = PARAGRAPH + "\nhttps://kiln.example/templates/product-card-with-a-long-slug-that-must-break";
        TemplateRender render = render(360, 420, "#FFFFFF",
                outline("box", 20, 20, 320, 380),
                text("body", 20, 20, 320, 380, text, 26, "center", "middle"));
        TextBlock block = TextBlock.layout(text, "Noto Sans", 400, 26, 0, false, 1.2, 320, 380, FRC);
        assertThat(block.lines()).hasSizeGreaterThan(5);
        assertThat(block.lines()).anySatisfy(line -> assertThat(line).startsWith("https://"));
        for (float w : block.widths()) {
            assertThat(w).isLessThanOrEqualTo(320f);
        }
        assertThat(block.truncated()).isFalse();
        Golden.assertMatches("text-wrap", png(render));
    }

    @Test
    void autoFit() {
        String title = "Summer linen shirt, light and breathable, now in six colours";
        String essay = PARAGRAPH.repeat(6);
        TemplateRender render = render(480, 300, "#FFFFFF",
                outline("box1", 20, 20, 440, 120), Templates.autoFit("title", 20, 20, 440, 120, title, 72, 20),
                outline("box2", 20, 160, 440, 120), Templates.autoFit("essay", 20, 160, 440, 120, essay, 48, 22));
        TextBlock fitted = TextBlock.layout(title, "Noto Sans", 700, 72, 20, true, 1.15, 440, 120, FRC);
        assertThat(fitted.fontSize()).isLessThan(72).isGreaterThanOrEqualTo(20);
        assertThat(fitted.truncated()).isFalse();
        assertThat(fitted.height()).isLessThanOrEqualTo(120f);
        // one pixel larger would not fit
        TextBlock larger = TextBlock.layout(title, "Noto Sans", 700, fitted.fontSize() + 1, fitted.fontSize() + 1,
                false, 1.15, 440, 120, FRC);
        assertThat(larger.truncated()).isTrue();

        TextBlock overflow = TextBlock.layout(essay, "Noto Sans", 700, 48, 22, true, 1.15, 440, 120, FRC);
        assertThat(overflow.fontSize()).isEqualTo(22);
        assertThat(overflow.truncated()).isTrue();
        assertThat(overflow.lines().getLast()).endsWith(TextBlock.ELLIPSIS);
        assertThat(overflow.height()).isLessThanOrEqualTo(120f);

        byte[] png = png(render);
        Golden.assertMatches("text-autofit", png);
        // nothing is drawn below the second box
        BufferedImage image = Golden.read(png);
        assertThat(inkRows(image, 0, 480, 284, 300)).isZero();
    }

    @Test
    void imageCover() {
        String url = server.url("/halves.png");
        TemplateRender render = render(480, 240, "#EEEEEE",
                image("square", 20, 20, 200, 200, url, "cover", 0),
                image("rounded", 260, 20, 200, 200, url, "cover", 40));
        byte[] png = png(render);
        Golden.assertMatches("image-cover", png);
        BufferedImage image = Golden.read(png);
        // 400x200 into 200x200: scaled to 400x200 then cropped to the middle: red | blue, green disc
        assertThat(rgb(image, 25, 120)).isEqualTo(0xD7263D);
        assertThat(rgb(image, 215, 120)).isEqualTo(0x1B4F9C);
        assertThat(rgb(image, 120, 120)).isEqualTo(0x2E933C);
        assertThat(rgb(image, 120, 25)).isEqualTo(0xF4D35E);
        // rounded corners show the background, the edge midpoints the picture
        assertThat(rgb(image, 262, 22)).isEqualTo(0xEEEEEE);
        assertThat(rgb(image, 262, 120)).isEqualTo(0xD7263D);
    }

    @Test
    void imageContain() {
        String url = server.url("/halves.png");
        TemplateRender render = render(480, 240, "#EEEEEE",
                image("square", 20, 20, 200, 200, url, "contain", 0),
                image("rounded", 260, 20, 200, 200, url, "contain", 16));
        byte[] png = png(render);
        Golden.assertMatches("image-contain", png);
        BufferedImage image = Golden.read(png);
        // 400x200 into 200x200: 200x100, letterboxed at y 70..170
        assertThat(rgb(image, 120, 40)).isEqualTo(0xEEEEEE);
        assertThat(rgb(image, 120, 200)).isEqualTo(0xEEEEEE);
        assertThat(rgb(image, 25, 150)).isEqualTo(0xD7263D);
        assertThat(rgb(image, 215, 150)).isEqualTo(0x1B4F9C);
        assertThat(rgb(image, 120, 120)).isEqualTo(0x2E933C);
        // the rounded corner is on the picture, not on the box
        assertThat(rgb(image, 261, 71)).isEqualTo(0xEEEEEE);
        assertThat(rgb(image, 261, 120)).isEqualTo(0xD7263D);
    }

    @Test
    void transparencyIsKeptInPngAndWebp() {
        TemplateRender render = Templates.transparent(320, 320,
                new Layer.Shape("disc", 40, 40, 240, 240, "ellipse", "#FF000080", "#000000", 6, 0),
                new Layer.Text("label", 40, 40, 240, 240, "Kiln", "Noto Sans", 72, 700, "#FFFFFF", "center",
                        "middle", 1.0, false, 0));
        byte[] png = png(render);
        Golden.assertMatches("transparent", png);
        for (String format : new String[]{"png", "webp"}) {
            BufferedImage decoded = Golden.read(renderer.render(render, format).data());
            assertThat(decoded.getColorModel().hasAlpha()).as(format).isTrue();
            assertThat(decoded.getRGB(5, 5) >>> 24).as(format + " corner alpha").isZero();
            assertThat(decoded.getRGB(315, 315) >>> 24).as(format + " corner alpha").isZero();
            assertThat(decoded.getRGB(160, 80) >>> 24).as(format + " disc alpha").isBetween(124, 132);
            assertThat(decoded.getRGB(43, 160) >>> 24).as(format + " border alpha").isGreaterThan(250);
        }
        // JPEG has no alpha: the transparent canvas becomes white
        BufferedImage jpeg = Golden.read(renderer.render(render, "jpeg").data());
        assertThat(jpeg.getColorModel().hasAlpha()).isFalse();
        assertThat(new Color(jpeg.getRGB(5, 5)).getRed()).isGreaterThan(250);
        assertThat(new Color(jpeg.getRGB(5, 5)).getBlue()).isGreaterThan(250);
    }

    @Test
    void koreanText() {
        String hello = "안녕하세요 Kiln";
        String noSpaces = "가나다라마바사아자차카타파하가나다라마바사아자차카타파하";
        String sentence = "템플릿 한 번으로 수천 개의 이미지를 만드세요. 텍스트는 상자에 맞게 줄어듭니다.";
        TemplateRender render = render(480, 400, "#FFFFFF",
                new Layer.Text("hello", 20, 20, 440, 70, hello, "Noto Sans KR", 48, 700, "#1F2328", "center",
                        "middle", 1.2, false, 0),
                outline("box1", 20, 110, 200, 270),
                text("wrap", 20, 110, 200, 270, noSpaces, 28, "left", "top"),
                outline("box2", 240, 110, 220, 270),
                new Layer.Text("fit", 240, 110, 220, 270, sentence, "Noto Sans", 64, 400, "#0B5CAD", "right",
                        "bottom", 1.3, true, 16));
        assertThat(FontLibrary.font("Noto Sans", 400, 20).canDisplayUpTo(hello + noSpaces + sentence)).isEqualTo(-1);
        TextBlock wrapped = TextBlock.layout(noSpaces, "Noto Sans", 400, 28, 0, false, 1.2, 200, 270, FRC);
        assertThat(wrapped.lines()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(String.join("", wrapped.lines())).isEqualTo(noSpaces);
        for (float w : wrapped.widths()) {
            assertThat(w).isLessThanOrEqualTo(200f);
        }
        TextBlock fitted = TextBlock.layout(sentence, "Noto Sans", 400, 64, 16, true, 1.3, 220, 270, FRC);
        assertThat(fitted.fontSize()).isLessThan(64);
        assertThat(fitted.truncated()).isFalse();
        // words stay whole when they fit on a line
        assertThat(fitted.lines()).allSatisfy(line -> assertThat(sentence).contains(line));
        Golden.assertMatches("text-korean", png(render));
    }

    @Test
    void shapesAndQrCode() throws Exception {
        String data = "https://kiln.example/p/42?ref=qr";
        TemplateRender render = render(480, 240, "#F6F8FA",
                new Layer.Shape("card", 20, 20, 200, 200, "rectangle", "#FFFFFF", "#0B5CAD", 8, 32),
                new Layer.Shape("dot", 60, 60, 120, 80, "ellipse", "#E4572E", "#1F2328", 4, 0),
                new Layer.QrCode("qr", 250, 20, 200, 200, data, "#1F2328", "#FFFFFF"));
        byte[] png = png(render);
        Golden.assertMatches("shapes-qr", png);
        BufferedImage image = Golden.read(png);
        assertThat(rgb(image, 120, 100)).isEqualTo(0xE4572E);
        assertThat(rgb(image, 23, 120)).isEqualTo(0x0B5CAD);
        assertThat(rgb(image, 21, 21)).isEqualTo(0xF6F8FA);
        BufferedImage qr = image.getSubimage(250, 20, 200, 200);
        int[] pixels = qr.getRGB(0, 0, 200, 200, null, 0, 200);
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(200, 200, pixels)))).getText();
        assertThat(decoded).isEqualTo(data);
    }

    @Test
    void colorPropertyOverridesTheFill() {
        TemplateRender render = Templates.with(render(100, 100, "#FFFFFF", Templates.rect("bg", 0, 0, 100, 100, "#000000")),
                Templates.color("bg", "#0F0"));
        BufferedImage image = Golden.read(png(render));
        assertThat(rgb(image, 50, 50)).isEqualTo(0x00FF00);
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** First and last x with dark ink in rows y0..y1. */
    static int[] inkSpan(BufferedImage image, int y0, int y1) {
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return new int[]{min, max};
    }

    /** Rows in y0..y1 (x0..x1) with any non-white pixel. */
    static int inkRows(BufferedImage image, int x0, int x1, int y0, int y1) {
        int rows = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }
}
