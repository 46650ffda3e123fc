package dev.kiln.workers.render;

import dev.kiln.contracts.template.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ColorsTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(Colors.parse("#f80", "l", "color")).isEqualTo(new Color(0xFF, 0x88, 0x00));
        assertThat(Colors.parse("#1A2b3C", "l", "color")).isEqualTo(new Color(0x1A, 0x2B, 0x3C));
        assertThat(Colors.parse("#1A2B3C80", "l", "color")).isEqualTo(new Color(0x1A, 0x2B, 0x3C, 0x80));
        assertThat(Colors.parse(" #000000 ", "l", "color").getAlpha()).isEqualTo(255);
        assertThat(Colors.parseOptional(null, "l", "fill")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "red", "000000", "#12", "#1234", "#12345", "#1234567", "#123456789",
            "#GGGGGG", "#-12345", "#+12345", "rgb(0,0,0)", "#12 345"})
    void rejectsEverythingElse(String value) {
        RenderException e = catchThrowableOfType(RenderException.class, () -> Colors.parse(value, "title", "color"));
        assertThat(e.errorCode()).isEqualTo(RenderException.INVALID_COLOR);
        assertThat(e.getMessage()).contains("layer 'title' color").contains("#RRGGBB");
    }

    @Test
    void aBadColourFailsTheRenderNamingLayerAndProperty() {
        TemplateRenderer renderer = new TemplateRenderer(url -> {
            throw new AssertionError("no image should be fetched before the colours are checked");
        });
        var render = Templates.render(10, 10, "#FFFFFF",
                new Layer.Image("photo", 0, 0, 10, 10, "https://example.com/a.png", "cover", 0),
                new Layer.Shape("badge", 0, 0, 10, 10, "rectangle", "#FFF", "#12345", 1, 0));
        assertThatThrownBy(() -> renderer.render(render, "png"))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(RenderException.INVALID_COLOR);
                    assertThat(e.getMessage()).contains("layer 'badge' border_color").contains("'#12345'");
                });
        var badBackground = Templates.render(10, 10, "white");
        assertThatThrownBy(() -> renderer.render(badBackground, "png"))
                .hasMessageContaining("layer 'canvas' background_color");
        var badProperty = Templates.with(Templates.render(10, 10, "#FFFFFF",
                Templates.rect("bg", 0, 0, 10, 10, "#000")), Templates.color("bg", "#zzz"));
        assertThatThrownBy(() -> renderer.render(badProperty, "png"))
                .hasMessageContaining("layer 'bg' fill");
    }

    @Test
    void unknownPropertiesAndBadChoicesAreReported() {
        TemplateRenderer renderer = new TemplateRenderer(url -> {
            throw new AssertionError("unexpected fetch");
        });
        var unknown = Templates.with(Templates.render(10, 10, "#FFFFFF"), Templates.text("nope", "x"));
        assertThatThrownBy(() -> renderer.render(unknown, "png"))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RenderException.INVALID_PROPERTY))
                .hasMessageContaining("'nope'");
        var badAlign = Templates.render(10, 10, "#FFFFFF", Templates.text("t", 0, 0, 10, 10, "x", 8, "justify", "top"));
        assertThatThrownBy(() -> renderer.render(badAlign, "png"))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RenderException.INVALID_TEMPLATE))
                .hasMessageContaining("layer 't' align");
        assertThatThrownBy(() -> renderer.render(Templates.render(10, 10, "#FFFFFF"), "gif"))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RenderException.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> renderer.render(Templates.render(5000, 10, "#FFFFFF"), "png"))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RenderException.INVALID_TEMPLATE));
    }
}
