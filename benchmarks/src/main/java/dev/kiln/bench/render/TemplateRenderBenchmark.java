package dev.kiln.bench.render;

import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.workers.render.FontLibrary;
import dev.kiln.workers.render.Images;
import dev.kiln.workers.render.OutputFormat;
import dev.kiln.workers.render.TemplateRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a 1080×1080 PNG with five layers through the worker's {@link TemplateRenderer}: a
 * background shape, a 1200×800 picture scaled into a rounded {@code cover} box (decoded once in the
 * setup: no network in the loop), an auto-fitted title (every invocation uses the next of several
 * titles, so the fit is computed each time), a price and a QR code.
 *
 * <pre>
 * java -cp "benchmarks/target/kiln-benchmarks.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main TemplateRenderBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class TemplateRenderBenchmark {
    private static final String PHOTO_URL = "https://images.example/product.png";
    private static final String[] TITLES = {
            "Stoneware mug, glazed by hand in small batches",
            "Linen shirt — light, breathable and cut for long summer days outdoors",
            "Noise-cancelling headphones",
            "손으로 빚은 도자기 머그컵 — 매일 쓰기 좋은 350ml",
    };

    private TemplateRenderer renderer;
    private TemplateDocument template;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BufferedImage photo = Images.normalize(photo());
        renderer = new TemplateRenderer(url -> photo);
        FontLibrary.preload();
        template = new TemplateDocument("00000000-0000-0000-0000-00000000be01", "bench-card", "Bench card",
                new TemplateDocument.Canvas(1080, 1080, "#FFFFFF", false), List.of(
                new Layer.Shape("background", 0, 0, 1080, 1080, "rectangle", "#F4EFE6", "#E7E0D4", 4, 0),
                new Layer.Image("photo", 60, 60, 960, 600, PHOTO_URL, "cover", 32),
                new Layer.Text("title", 60, 690, 960, 190, "Title", "Noto Sans", 84, 700, "#1F2328", "left", "top",
                        1.15, true, 36),
                new Layer.Text("price", 60, 900, 640, 120, "$49", "Noto Sans", 80, 700, "#E4572E", "left",
                        "bottom", 1.0, false, 0),
                new Layer.QrCode("qr", 840, 840, 180, 180, "https://kiln.example/p/42", "#1F2328", "#FFFFFF")));
    }

    private TemplateRender nextRender() {
        String title = TITLES[next++ & 3];
        return new TemplateRender(template, List.of(new PropertyValue("title", title, null, null),
                new PropertyValue("price", "$" + (10 + (next & 63)), null, null)), false, null, null);
    }

    /** Draw and encode: the number to compare with the target. */
    @Benchmark
    public byte[] renderPng() {
        return renderer.render(nextRender(), "png").data();
    }

    /** Draw only (Java2D), to see how the time splits between drawing and PNG encoding. */
    @Benchmark
    public BufferedImage drawOnly() {
        return renderer.draw(nextRender(), OutputFormat.PNG);
    }

    /** A 1200×800 product shot drawn in code. */
    static BufferedImage photo() {
        BufferedImage img = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xF6D7B0), 0, 800, new Color(0xE8A87C)));
        g.fillRect(0, 0, 1200, 800);
        g.setColor(new Color(0xD48B5E));
        g.fillRect(0, 560, 1200, 240);
        g.setPaint(new GradientPaint(400, 0, new Color(0x2A6F97), 760, 0, new Color(0x61A5C2)));
        g.fill(new RoundRectangle2D.Double(400, 230, 360, 410, 60, 60));
        g.setColor(new Color(0x1B4965));
        g.fill(new Ellipse2D.Double(400, 205, 360, 70));
        g.dispose();
        return img;
    }
}
