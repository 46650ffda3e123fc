package dev.kiln.workers.render;

import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;

import java.util.List;

/** Small builders for test templates. */
final class Templates {
    private Templates() {
    }

    static TemplateRender render(int width, int height, String background, Layer... layers) {
        return new TemplateRender(document(width, height, background, false, layers), List.of(), false, null, null);
    }

    static TemplateRender transparent(int width, int height, Layer... layers) {
        return new TemplateRender(document(width, height, null, true, layers), List.of(), false, null, null);
    }

    static TemplateDocument document(int width, int height, String background, boolean transparent,
                                     Layer... layers) {
        return new TemplateDocument("00000000-0000-0000-0000-000000000001", "test", "Test",
                new TemplateDocument.Canvas(width, height, background, transparent), List.of(layers));
    }

    static TemplateRender with(TemplateRender render, PropertyValue... properties) {
        return new TemplateRender(render.template(), List.of(properties), render.transparent(), null, null);
    }

    static Layer.Text text(String name, int x, int y, int w, int h, String text, int size, String align,
                           String vertical) {
        return new Layer.Text(name, x, y, w, h, text, "Noto Sans", size, 400, "#1F2328", align, vertical, 1.2,
                false, 0);
    }

    static Layer.Text autoFit(String name, int x, int y, int w, int h, String text, int size, int min) {
        return new Layer.Text(name, x, y, w, h, text, "Noto Sans", size, 700, "#1F2328", "left", "top", 1.15,
                true, min);
    }

    static Layer.Shape rect(String name, int x, int y, int w, int h, String fill) {
        return new Layer.Shape(name, x, y, w, h, "rectangle", fill, null, 0, 0);
    }

    static Layer.Shape outline(String name, int x, int y, int w, int h) {
        return new Layer.Shape(name, x, y, w, h, "rectangle", null, "#D0D7DE", 1, 0);
    }

    static Layer.Image image(String name, int x, int y, int w, int h, String url, String fit, int radius) {
        return new Layer.Image(name, x, y, w, h, url, fit, radius);
    }

    static PropertyValue text(String name, String text) {
        return new PropertyValue(name, text, null, null);
    }

    static PropertyValue imageUrl(String name, String url) {
        return new PropertyValue(name, null, url, null);
    }

    static PropertyValue color(String name, String color) {
        return new PropertyValue(name, null, null, color);
    }
}
