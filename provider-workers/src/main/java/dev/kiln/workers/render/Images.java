package dev.kiln.workers.render;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/** Decoding and resampling of layer pictures. */
public final class Images {
    static {
        ImageEncoder.registerWebp();
    }

    private Images() {
    }

    /**
     * Decodes PNG, JPEG, GIF (first frame), BMP or WebP bytes into an {@code INT_RGB} or
     * premultiplied {@code INT_ARGB_PRE} image (see {@link #normalize}). The size is read from the header
     * first, so a small file that claims an enormous picture is refused before any pixel is decoded.
     *
     * @param maxPixels largest width × height accepted
     * @throws ImageFetchException {@code not_an_image} or {@code too_large}
     */
    public static BufferedImage decode(byte[] data, long maxPixels) throws ImageFetchException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageFetchException(ImageFetchException.NOT_AN_IMAGE,
                        "the body is not a PNG, JPEG, GIF, BMP or WebP picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1) {
                    throw new ImageFetchException(ImageFetchException.NOT_AN_IMAGE, "the picture is empty");
                }
                if (w * h > maxPixels) {
                    throw new ImageFetchException(ImageFetchException.TOO_LARGE,
                            "the picture is " + w + "x" + h + ", more than " + maxPixels + " pixels");
                }
                return normalize(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (ImageFetchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFetchException(ImageFetchException.NOT_AN_IMAGE,
                    "the body does not decode as a picture (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The picture as {@code INT_RGB}, or as premultiplied {@code INT_ARGB_PRE} when it has alpha
     * (premultiplied so that resampling does not bleed the colour of transparent pixels), copied
     * only if needed.
     */
    public static BufferedImage normalize(BufferedImage img) {
        int type = img.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        if (img.getType() == type) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Scales a picture to {@code width} × {@code height}: halves it with a 2×2 box filter while it
     * is still at least twice the target size (so every source pixel counts), then resamples
     * bilinearly. Several times faster than Java2D's bilinear transform; the result is
     * {@code INT_RGB} or {@code INT_ARGB_PRE} (see {@link #normalize}).
     */
    public static BufferedImage scale(BufferedImage img, int width, int height) {
        return scale(img, width, height, 0, 0, width, height);
    }

    /**
     * Like {@link #scale(BufferedImage, int, int)} but computes only the window {@code x, y, w, h}
     * of the scaled picture — the part a layer shows — so a picture that a {@code cover} box
     * enlarges enormously costs no more than the box.
     */
    public static BufferedImage scale(BufferedImage img, long width, long height, long x, long y, int w, int h) {
        BufferedImage current = normalize(img);
        while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
            current = halve(current);
        }
        if (current.getWidth() == width && current.getHeight() == height && x == 0 && y == 0
                && w == width && h == height) {
            return current;
        }
        return bilinear(current, width, height, x, y, w, h);
    }

    private static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    private static BufferedImage halve(BufferedImage src) {
        int sw = src.getWidth();
        int w = sw / 2;
        int h = src.getHeight() / 2;
        BufferedImage dst = new BufferedImage(w, h, src.getType());
        int[] s = pixels(src);
        int[] d = pixels(dst);
        int alpha = src.getType() == BufferedImage.TYPE_INT_RGB ? 0xFF000000 : 0;
        for (int y = 0; y < h; y++) {
            int r0 = 2 * y * sw;
            int r1 = r0 + sw;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int a = s[r0 + 2 * x];
                int b = s[r0 + 2 * x + 1];
                int c = s[r1 + 2 * x];
                int e = s[r1 + 2 * x + 1];
                int rb = (((a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (e & 0xFF00FF) + 0x20002) >>> 2) & 0xFF00FF;
                int ag = ((((a >>> 8) & 0xFF00FF) + ((b >>> 8) & 0xFF00FF) + ((c >>> 8) & 0xFF00FF)
                        + ((e >>> 8) & 0xFF00FF) + 0x20002) >>> 2) & 0xFF00FF;
                d[o + x] = (ag << 8) | rb | alpha;
            }
        }
        return dst;
    }

    /**
     * Separable bilinear resampling: each source row needed is interpolated horizontally once (two
     * rows kept), then each output row is interpolated vertically between them. Channels are
     * processed two at a time ({@code 0x00RR00BB} and {@code 0x00AA00GG}) in 1/256 steps.
     */
    private static BufferedImage bilinear(BufferedImage src, long fullWidth, long fullHeight, long left, long top,
                                          int dw, int dh) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        BufferedImage dst = new BufferedImage(dw, dh, src.getType());
        int[] s = pixels(src);
        int[] d = pixels(dst);
        int alpha = src.getType() == BufferedImage.TYPE_INT_RGB ? 0xFF000000 : 0;
        // source positions of the pixel centres
        int[] x0 = new int[dw];
        int[] x1 = new int[dw];
        int[] wx = new int[dw];
        for (int x = 0; x < dw; x++) {
            double sx = Math.clamp((left + x + 0.5) * sw / (double) fullWidth - 0.5, 0, sw - 1);
            x0[x] = (int) sx;
            x1[x] = Math.min(sw - 1, x0[x] + 1);
            wx[x] = (int) ((sx - x0[x]) * 256);
        }
        int[] rbA = new int[dw];
        int[] agA = new int[dw];
        int[] rbB = new int[dw];
        int[] agB = new int[dw];
        int rowA = -1;
        int rowB = -1;
        for (int y = 0; y < dh; y++) {
            double sy = Math.clamp((top + y + 0.5) * sh / (double) fullHeight - 0.5, 0, sh - 1);
            int y0 = (int) sy;
            int y1 = Math.min(sh - 1, y0 + 1);
            int wy = (int) ((sy - y0) * 256);
            if (rowA != y0) {
                if (rowB == y0) {
                    int[] t = rbA;
                    rbA = rbB;
                    rbB = t;
                    t = agA;
                    agA = agB;
                    agB = t;
                    rowB = -1;
                } else {
                    horizontal(s, y0 * sw, x0, x1, wx, rbA, agA);
                }
                rowA = y0;
            }
            if (rowB != y1) {
                horizontal(s, y1 * sw, x0, x1, wx, rbB, agB);
                rowB = y1;
            }
            int o = y * dw;
            for (int x = 0; x < dw; x++) {
                d[o + x] = (lerp(agA[x], agB[x], wy) << 8) | lerp(rbA[x], rbB[x], wy) | alpha;
            }
        }
        return dst;
    }

    private static void horizontal(int[] s, int offset, int[] x0, int[] x1, int[] wx, int[] rb, int[] ag) {
        for (int x = 0; x < rb.length; x++) {
            int a = s[offset + x0[x]];
            int b = s[offset + x1[x]];
            int f = wx[x];
            rb[x] = lerp(a & 0xFF00FF, b & 0xFF00FF, f);
            ag[x] = lerp((a >>> 8) & 0xFF00FF, (b >>> 8) & 0xFF00FF, f);
        }
    }

    /** Interpolates two pairs of 8-bit channels packed as {@code 0x00XX00YY}; {@code f} in 0..256. */
    private static int lerp(int p, int q, int f) {
        return ((p * (256 - f) + q * f) >>> 8) & 0xFF00FF;
    }
}
