package dev.kiln.workers.render;

import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.TemplateRender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in templates and the example renders in {@code docs/renders/}. With
 * {@code -Dkiln.renders.update=true} the renders are rewritten; otherwise the current renderer must
 * still produce them (within the golden tolerance).
 */
class ExampleRendersTest {
    static final Path DOCS = Path.of("..", "docs", "renders");

    static TestImageServer server;
    static TemplateRenderer renderer;

    @BeforeAll
    static void start() {
        server = new TestImageServer()
                .png("/mug.png", SamplePictures.productPhoto())
                .png("/evening.png", SamplePictures.storyBackground());
        renderer = new TemplateRenderer(
                SafeImageFetcher.forTestsAllowing(SafeImageFetcher.Limits.defaults(), server.endpoint()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The example renders: file name → template and properties. */
    static Map<String, TemplateRender> examples() {
        return Map.of(
                "product-card.png", render("product-card",
                        Templates.imageUrl("background", server.url("/mug.png")),
                        Templates.text("title", "Stoneware mug, glazed by hand in small batches"),
                        Templates.text("description", "Holds 350 ml. Dishwasher safe. Ships in two days."),
                        Templates.text("price", "$24")),
                "product-card-ko.png", render("product-card",
                        Templates.imageUrl("background", server.url("/mug.png")),
                        Templates.text("badge_text", "신상품"),
                        Templates.text("title", "손으로 빚은 도자기 머그컵 — 매일 쓰기 좋은 350ml"),
                        Templates.text("description", "식기세척기 사용 가능. 지금 주문하면 이틀 안에 도착합니다."),
                        Templates.text("price", "₩29,000"),
                        Templates.color("badge", "#2A6F97")),
                "story-promo.png", render("story-promo",
                        Templates.imageUrl("background", server.url("/evening.png")),
                        Templates.text("eyebrow", "THIS WEEKEND ONLY"),
                        Templates.text("title", "Evening sale: 30% off everything outdoors"),
                        Templates.text("subtitle", "Tents, lamps and blankets for long summer nights."),
                        Templates.text("cta_text", "Shop the sale"),
                        Templates.text("qr", "https://kiln.example/sale")));
    }

    static TemplateRender render(String slug, PropertyValue... properties) {
        return new TemplateRender(BuiltinTemplates.get(slug), List.of(properties), false, null, null);
    }

    @Test
    void builtinTemplatesParseAndNameTheirLayersUniquely() {
        for (TemplateDocument t : BuiltinTemplates.all()) {
            assertThat(t.slug()).isIn(BuiltinTemplates.SLUGS);
            assertThat(t.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(t.layers()).extracting(l -> l.name()).doesNotHaveDuplicates();
            assertThat(t.canvas().backgroundColor()).satisfies(c -> assertThat(Colors.isValid(c)).isTrue());
        }
        assertThat(BuiltinTemplates.get("product-card").canvas().width()).isEqualTo(1080);
        assertThat(BuiltinTemplates.get("story-promo").canvas().height()).isEqualTo(1920);
    }

    @Test
    void builtinTemplatesRenderWithTheirDefaults() {
        for (TemplateDocument t : BuiltinTemplates.all()) {
            RenderOutput out = renderer.render(new TemplateRender(t, List.of(), false, null, null), "png");
            assertThat(out.width()).isEqualTo(t.canvas().width());
            assertThat(out.height()).isEqualTo(t.canvas().height());
        }
    }

    @Test
    void exampleRenders() {
        boolean update = Boolean.getBoolean("kiln.renders.update");
        examples().forEach((file, render) -> {
            RenderOutput out = renderer.render(render, "png");
            Golden.assertMatches(DOCS.resolve(file), out.data(), "-Dkiln.renders.update=true", update);
        });
    }
}
