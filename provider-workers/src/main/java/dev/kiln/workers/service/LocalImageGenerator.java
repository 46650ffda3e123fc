package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.ErrorCodes;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The <b>local generator</b> of the {@code local-image} pool. <b>This is not AI.</b> It is a stand-in
 * for offline use, the local stack and tests: it needs no network and no model, and turns the
 * prompt into an abstract picture so the whole pipeline (dispatch, storage, results, billing,
 * webhooks, signed URLs) can run end to end without any upstream provider.
 *
 * <p>The picture is derived deterministically from the prompt: the seed is the SHA-256 of the
 * prompt (UTF-8); its bytes choose two colours for a linear gradient, the gradient's direction, and
 * a few circles, rectangles and lines placed by a PRNG seeded from the hash. The same prompt and
 * size always give a byte-identical PNG of exactly {@code spec.width() x spec.height()} pixels;
 * different prompts give different images. Rendering uses Java2D off-screen (headless, no fonts).
 *
 * <p>Failure switch: a prompt that starts with the configured marker ({@code kiln.workers.failure-marker},
 * default {@code kiln:fail}) makes it fail with error code {@code generation_failed}.
 */
@ApplicationScoped
public class LocalImageGenerator implements Generator {
    /** Largest side the local generator renders. */
    public static final int MAX_SIDE = 4096;
    public static final String CONTENT_TYPE = "image/png";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final String failureMarker;

    @Inject
    public LocalImageGenerator(WorkerConfig config) {
        this(config.failureMarker());
    }

    public LocalImageGenerator(String failureMarker) {
        this.failureMarker = failureMarker;
    }

    @Override
    public GeneratedOutput generate(JobSpec spec) {
        String prompt = spec.prompt() == null ? "" : spec.prompt();
        if (!failureMarker.isEmpty() && prompt.startsWith(failureMarker)) {
            throw new GenerationException(ErrorCodes.GENERATION_FAILED,
                    "The prompt starts with the failure marker '" + failureMarker + "' of the local generator");
        }
        int width = spec.width();
        int height = spec.height();
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new GenerationException(ErrorCodes.GENERATION_FAILED,
                    "The local generator renders 1.." + MAX_SIDE + " pixels per side, not " + width + "x" + height);
        }
        byte[] png = encodePng(render(sha256(prompt), width, height));
        return new GeneratedOutput(png, CONTENT_TYPE, "png", width, height);
    }

    private static BufferedImage render(byte[] hash, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);

            Color from = colour(hash, 0);
            Color to = colour(hash, 3);
            double angle = (hash[6] & 0xff) / 255.0 * 2 * Math.PI;
            float cx = width / 2f;
            float cy = height / 2f;
            float dx = (float) Math.cos(angle) * width / 2f;
            float dy = (float) Math.sin(angle) * height / 2f;
            g.setPaint(new GradientPaint(cx - dx, cy - dy, from, cx + dx, cy + dy, to));
            g.fillRect(0, 0, width, height);

            SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(hash, 8, 8).getLong());
            int shapes = 3 + (hash[7] & 0xff) % 5;
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

    private static Color colour(byte[] hash, int offset) {
        return new Color(hash[offset] & 0xff, hash[offset + 1] & 0xff, hash[offset + 2] & 0xff);
    }

    private static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(String prompt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
