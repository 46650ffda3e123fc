package dev.kiln.workers.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/** Pictures drawn in code, served by the test server to image layers. */
final class SamplePictures {
    private SamplePictures() {
    }

    /**
     * 400×200: left half red, right half blue, a green disc in the middle, a yellow band along the top
     * — so a centre crop (cover) and a letterbox (contain) are easy to tell apart.
     */
    static BufferedImage halves() {
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xD7263D));
        g.fillRect(0, 0, 200, 200);
        g.setColor(new Color(0x1B4F9C));
        g.fillRect(200, 0, 200, 200);
        g.setColor(new Color(0xF4D35E));
        g.fillRect(0, 0, 400, 24);
        g.setColor(new Color(0x2E933C));
        g.fill(new Ellipse2D.Double(150, 50, 100, 100));
        g.dispose();
        return img;
    }

    /** 1200×800 product shot: a mug on a warm backdrop. */
    static BufferedImage productPhoto() {
        BufferedImage img = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xF6D7B0), 0, 800, new Color(0xE8A87C)));
        g.fillRect(0, 0, 1200, 800);
        g.setColor(new Color(0xD48B5E));
        g.fillRect(0, 560, 1200, 240);
        g.setPaint(new RadialGradientPaint(600, 640, 260, new float[]{0f, 1f},
                new Color[]{new Color(0, 0, 0, 90), new Color(0, 0, 0, 0)}));
        g.fill(new Ellipse2D.Double(340, 600, 520, 90));
        // handle
        g.setColor(new Color(0x2A6F97));
        g.setStroke(new BasicStroke(38f));
        g.draw(new Ellipse2D.Double(690, 300, 170, 200));
        // body
        g.setPaint(new GradientPaint(400, 0, new Color(0x2A6F97), 760, 0, new Color(0x61A5C2)));
        g.fill(new RoundRectangle2D.Double(400, 230, 360, 410, 60, 60));
        g.setColor(new Color(0x1B4965));
        g.fill(new Ellipse2D.Double(400, 205, 360, 70));
        g.setColor(new Color(0x3D2B1F));
        g.fill(new Ellipse2D.Double(420, 215, 320, 50));
        // steam
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(14f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            Path2D steam = new Path2D.Double();
            double x = 510 + i * 70;
            steam.moveTo(x, 190);
            steam.curveTo(x - 40, 150, x + 40, 110, x, 60);
            g.draw(steam);
        }
        g.dispose();
        return img;
    }

    /** 1080×1920 evening landscape for the story template. */
    static BufferedImage storyBackground() {
        BufferedImage img = new BufferedImage(1080, 1920, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B2D6E), 0, 1100, new Color(0xF28C52)));
        g.fillRect(0, 0, 1080, 1920);
        g.setColor(new Color(0xFFD27F));
        g.fill(new Ellipse2D.Double(380, 700, 320, 320));
        g.setColor(new Color(0x5B3A63));
        g.fill(mountain(0, 1250, new double[]{0, 980, 220, 760, 480, 900, 700, 720, 1080, 940}));
        g.setColor(new Color(0x3A2449));
        g.fill(mountain(0, 1920, new double[]{0, 1080, 300, 980, 560, 1120, 820, 1000, 1080, 1100}));
        g.dispose();
        return img;
    }

    private static Path2D mountain(double x0, double bottom, double[] points) {
        Path2D p = new Path2D.Double();
        p.moveTo(x0, bottom);
        for (int i = 0; i < points.length; i += 2) {
            p.lineTo(points[i], points[i + 1]);
        }
        p.lineTo(1080, bottom);
        p.lineTo(1080, 1920);
        p.lineTo(0, 1920);
        p.closePath();
        return p;
    }
}
