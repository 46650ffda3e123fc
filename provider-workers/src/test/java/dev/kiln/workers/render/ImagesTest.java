package dev.kiln.workers.render;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class ImagesTest {
    @Test
    void scalesToTheRequestedSizeKeepingFlatColours() {
        BufferedImage src = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = src.createGraphics();
        g.setColor(new Color(0x336699));
        g.fillRect(0, 0, 600, 800);
        g.setColor(new Color(0xFFCC00));
        g.fillRect(600, 0, 600, 800);
        g.dispose();
        for (int[] size : new int[][]{{960, 640}, {300, 200}, {37, 23}, {1500, 1000}}) {
            BufferedImage out = Images.scale(src, size[0], size[1]);
            assertThat(out.getWidth()).isEqualTo(size[0]);
            assertThat(out.getHeight()).isEqualTo(size[1]);
            assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(out.getRGB(1, size[1] / 2) & 0xFFFFFF).isEqualTo(0x336699);
            assertThat(out.getRGB(size[0] - 2, size[1] / 2) & 0xFFFFFF).isEqualTo(0xFFCC00);
        }
    }

    @Test
    void transparentPixelsDoNotDarkenTheEdges() {
        // left half opaque white, right half fully transparent black
        BufferedImage src = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                src.setRGB(x, y, 0xFFFFFFFF);
            }
        }
        for (int[] size : new int[][]{{16, 16}, {45, 45}}) {
            BufferedImage out = Images.scale(src, size[0], size[1]);
            assertThat(out.getColorModel().hasAlpha()).isTrue();
            for (int x = 0; x < size[0]; x++) {
                int argb = out.getRGB(x, size[1] / 2);
                if ((argb >>> 24) > 16) {
                    // un-premultiplied colour stays white wherever there is coverage
                    assertThat(argb & 0xFF).as("x=" + x).isGreaterThan(240);
                }
            }
            assertThat(out.getRGB(size[0] - 1, 0) >>> 24).isZero();
        }
    }

    @Test
    void onlyTheVisiblePartOfAHugelyEnlargedPictureIsComputed() {
        // 4000x1 stretched to cover 1080x1080 is 4,320,000 x 1080 pixels: only the box is resampled
        BufferedImage thin = new BufferedImage(4000, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4000; x++) {
            thin.setRGB(x, 0, x < 2000 ? 0xFF0000 : 0x0000FF);
        }
        TemplateRenderer renderer = new TemplateRenderer(url -> thin);
        var render = Templates.render(1080, 1080, "#FFFFFF",
                Templates.image("strip", 0, 0, 1080, 1080, "https://images.example/thin.png", "cover", 24),
                Templates.image("offside", -5000, 500, 20000, 100, "https://images.example/thin.png", "contain", 0));
        BufferedImage out = renderer.draw(render, OutputFormat.PNG);
        assertThat(out.getWidth()).isEqualTo(1080);
        // the box shows the middle source pixel pair, red fading into blue across it
        Color left = new Color(out.getRGB(30, 200));
        Color right = new Color(out.getRGB(1050, 200));
        assertThat(left.getRed()).isGreaterThan(240);
        assertThat(left.getBlue()).isLessThan(15);
        assertThat(right.getBlue()).isGreaterThan(240);
        assertThat(right.getRed()).isLessThan(15);
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF); // rounded corner
    }
}
