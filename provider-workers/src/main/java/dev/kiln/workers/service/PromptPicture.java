package dev.kiln.workers.service;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The abstract picture the local stand-in generators draw for a prompt. <b>Not AI</b>: the seed is
 * the SHA-256 of the prompt (UTF-8); its bytes choose two colours for a linear gradient, the
 * gradient's direction and a few circles, rectangles and lines placed by a PRNG seeded from the
 * hash. The same seed and size always give the same pixels. Rendering uses Java2D off-screen
 * (headless, no fonts).
 */
public final class PromptPicture {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PromptPicture() {
    }

    /** The seed of a prompt: SHA-256 of its UTF-8 bytes ({@code null} counts as empty). */
    public static byte[] seed(String prompt) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((prompt == null ? "" : prompt).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders the picture of {@code seed} at {@code width x height} pixels (RGB). */
    public static BufferedImage render(byte[] seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);

            Color from = colour(seed, 0);
            Color to = colour(seed, 3);
            double angle = (seed[6] & 0xff) / 255.0 * 2 * Math.PI;
            float cx = width / 2f;
            float cy = height / 2f;
            float dx = (float) Math.cos(angle) * width / 2f;
            float dy = (float) Math.sin(angle) * height / 2f;
            g.setPaint(new GradientPaint(cx - dx, cy - dy, from, cx + dx, cy + dy, to));
            g.fillRect(0, 0, width, height);

            SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(seed, 8, 8).getLong());
            int shapes = 3 + (seed[7] & 0xff) % 5;
            int unit = Math.max(1, Math.min(width, height));
            for (int i = 0; i < shapes; i++) {
                Color c = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 96 + random.nextInt(128));
                g.setColor(c);
                int x = random.nextInt(width);
                int y = random.nextInt(height);
                int size = Math.max(1, unit / 8 + random.nextInt(Math.max(1, unit / 3)));
                switch (random.nextInt(3)) {
                    case 0 -> g.fillOval(x - size / 2, y - size / 2, size, size);
                    case 1 -> g.fillRect(x - size / 2, y - size / 3, size, Math.max(1, size * 2 / 3));
                    default -> {
                        g.setStroke(new BasicStroke(Math.max(1f, unit / 60f)));
                        g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The colour made of {@code seed[offset..offset+2]}. */
    public static Color colour(byte[] seed, int offset) {
        return new Color(seed[offset] & 0xff, seed[offset + 1] & 0xff, seed[offset + 2] & 0xff);
    }
}
