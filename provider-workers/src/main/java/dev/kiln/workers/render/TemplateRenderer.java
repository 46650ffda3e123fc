package dev.kiln.workers.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link TemplateRender} — a template snapshot plus the request's property values — to a
 * PNG, JPEG or WebP with Java2D (antialiasing, fractional font metrics).
 *
 * <p>The canvas is filled with its background colour unless it (or the request) is transparent; a
 * transparent canvas stays transparent in PNG and WebP, and gets its background colour (or white)
 * in JPEG. Layers are drawn in list order, each in its box:
 * <ul>
 *   <li><b>text</b> — bundled fonts ({@link FontLibrary}), wrapping, alignment, line height, weight
 *       and auto-fit ({@link TextBlock});</li>
 *   <li><b>image</b> — fetched through the {@link ImageSource} (in production the
 *       {@link SafeImageFetcher}), {@code cover} (fill the box, centred crop) or {@code contain}
 *       (letterboxed), with rounded corners;</li>
 *   <li><b>shape</b> — rectangle (rounded corners) or ellipse, fill and a border drawn inside the box;</li>
 *   <li><b>qr_code</b> — a QR code (ZXing, error correction M, quiet zone of 2 modules) of whole-pixel
 *       modules centred in the box on its background.</li>
 * </ul>
 * Property values override layer defaults by layer name: {@code text} (text and QR code layers),
 * {@code image_url} (image layers) and {@code color} (shape fill, text colour, QR colour).
 *
 * <p>Thread-safe: one instance serves every worker thread.
 */
public final class TemplateRenderer {
    /** Largest canvas side in pixels. */
    public static final int MAX_CANVAS_SIDE = 4096;
    private static final String DEFAULT_BACKGROUND = "#FFFFFF";
    private static final int QR_QUIET_ZONE = 2;

    private final ImageSource images;

    public TemplateRenderer(ImageSource images) {
        this.images = images;
    }

    /**
     * Renders and encodes.
     *
     * @param format {@code png}, {@code jpeg}, {@code webp} or their content types ({@code image/png} …)
     * @throws RenderException with a stable {@linkplain RenderException#errorCode() error code}
     */
    public RenderOutput render(TemplateRender render, String format) {
        OutputFormat f = OutputFormat.parse(format);
        BufferedImage canvas = draw(render, f);
        return new RenderOutput(ImageEncoder.encode(canvas, f), f, canvas.getWidth(), canvas.getHeight());
    }

    /**
     * Draws without encoding: an ARGB canvas, or an RGB one when the background is opaque or
     * {@code format} has no alpha.
     *
     * @throws RenderException with a stable {@linkplain RenderException#errorCode() error code}
     */
    public BufferedImage draw(TemplateRender render, OutputFormat format) {
        TemplateDocument template = render.template();
        TemplateDocument.Canvas c = template.canvas();
        if (c.width() < 1 || c.height() < 1 || c.width() > MAX_CANVAS_SIDE || c.height() > MAX_CANVAS_SIDE) {
            throw new RenderException(RenderException.INVALID_TEMPLATE, "canvas " + c.width() + "x" + c.height()
                    + " is outside 1.." + MAX_CANVAS_SIDE + " pixels per side");
        }
        List<Layer> layers = applyProperties(template, render.properties());
        List<Step> steps = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            steps.add(prepare(layer));
        }
        boolean transparent = c.transparent() || render.transparent();
        Color background = transparent ? null : Colors.parse(
                c.backgroundColor() == null ? DEFAULT_BACKGROUND : c.backgroundColor(), "canvas", "background_color");
        Map<String, BufferedImage> fetched = fetchImages(steps);

        boolean opaque = !format.supportsAlpha();
        // an opaque background needs no alpha channel: RGB is faster to draw on and to encode
        boolean rgb = opaque || (background != null && background.getAlpha() == 255);
        BufferedImage canvas = new BufferedImage(c.width(), c.height(),
                rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            applyHints(g);
            g.setClip(0, 0, c.width(), c.height());
            if (opaque) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, c.width(), c.height());
            }
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, c.width(), c.height());
            }
            for (Step step : steps) {
                step.draw(g, fetched);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    static void applyHints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    // ---- properties -------------------------------------------------------------------------------

    private static List<Layer> applyProperties(TemplateDocument template, List<PropertyValue> properties) {
        Map<String, PropertyValue> byName = new HashMap<>();
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Layer layer : template.layers()) {
            layers.put(layer.name(), layer);
        }
        for (PropertyValue p : properties) {
            if (p.name() == null || !layers.containsKey(p.name())) {
                throw new RenderException(RenderException.INVALID_PROPERTY, "property '" + p.name()
                        + "' names no layer of template '" + template.slug() + "'");
            }
            byName.put(p.name(), p);
        }
        List<Layer> out = new ArrayList<>(template.layers().size());
        for (Layer layer : template.layers()) {
            PropertyValue p = byName.get(layer.name());
            out.add(p == null ? layer : apply(layer, p));
        }
        return out;
    }

    private static Layer apply(Layer layer, PropertyValue p) {
        return switch (layer) {
            case Layer.Text t -> new Layer.Text(t.name(), t.x(), t.y(), t.width(), t.height(),
                    p.text() != null ? p.text() : t.text(), t.font(), t.fontSize(), t.fontWeight(),
                    p.color() != null ? p.color() : t.color(), t.align(), t.verticalAlign(), t.lineHeight(),
                    t.autoFit(), t.minFontSize());
            case Layer.Image i -> new Layer.Image(i.name(), i.x(), i.y(), i.width(), i.height(),
                    p.imageUrl() != null ? p.imageUrl() : i.imageUrl(), i.fit(), i.cornerRadius());
            case Layer.Shape s -> new Layer.Shape(s.name(), s.x(), s.y(), s.width(), s.height(), s.shape(),
                    p.color() != null ? p.color() : s.fill(), s.borderColor(), s.borderWidth(), s.cornerRadius());
            case Layer.QrCode q -> new Layer.QrCode(q.name(), q.x(), q.y(), q.width(), q.height(),
                    p.text() != null ? p.text() : q.data(), p.color() != null ? p.color() : q.color(),
                    q.background());
        };
    }

    // ---- preparation (validation before any fetch) ------------------------------------------------

    /** One layer, validated, ready to draw. */
    private interface Step {
        void draw(Graphics2D g, Map<String, BufferedImage> fetched);

        default String imageUrl() {
            return null;
        }
    }

    private Step prepare(Layer layer) {
        if (layer.width() <= 0 || layer.height() <= 0) {
            return (g, fetched) -> {
            };
        }
        return switch (layer) {
            case Layer.Text t -> prepareText(t);
            case Layer.Image i -> prepareImage(i);
            case Layer.Shape s -> prepareShape(s);
            case Layer.QrCode q -> prepareQr(q);
        };
    }

    private static String choice(String value, String fallback, String layer, String property, String... allowed) {
        String v = value == null || value.isBlank() ? fallback : value.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new RenderException(RenderException.INVALID_TEMPLATE, "layer '" + layer + "' " + property + ": '"
                + value + "' is not one of " + String.join(", ", allowed));
    }

    private static Step prepareText(Layer.Text t) {
        Color color = Colors.parse(t.color() == null ? "#000000" : t.color(), t.name(), "color");
        String align = choice(t.align(), "left", t.name(), "align", "left", "center", "right");
        String vertical = choice(t.verticalAlign(), "top", t.name(), "vertical_align", "top", "middle", "bottom");
        if (t.text() == null || t.text().isBlank()) {
            return (g, fetched) -> {
            };
        }
        int fontSize = t.fontSize() > 0 ? t.fontSize() : 32;
        int weight = t.fontWeight() > 0 ? t.fontWeight() : 400;
        return (g, fetched) -> {
            TextBlock block = TextBlock.layout(t.text(), t.font(), weight, fontSize, t.minFontSize(), t.autoFit(),
                    t.lineHeight(), t.width(), t.height(), g.getFontRenderContext());
            float top = switch (vertical) {
                case "middle" -> t.y() + (t.height() - block.height()) / 2f;
                case "bottom" -> t.y() + t.height() - block.height();
                default -> t.y();
            };
            float lh = block.lineHeight();
            float baselineOffset = (lh - (block.ascent() + block.descent())) / 2f + block.ascent();
            g.setFont(block.font());
            g.setColor(color);
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                if (line.isEmpty()) {
                    continue;
                }
                float w = block.widths()[i];
                float x = switch (align) {
                    case "center" -> t.x() + (t.width() - w) / 2f;
                    case "right" -> t.x() + t.width() - w;
                    default -> t.x();
                };
                g.drawString(line, x, top + i * lh + baselineOffset);
            }
        };
    }

    private static Step prepareImage(Layer.Image l) {
        String fit = choice(l.fit(), "cover", l.name(), "fit", "cover", "contain");
        String url = l.imageUrl() == null || l.imageUrl().isBlank() ? null : l.imageUrl().strip();
        return new Step() {
            @Override
            public void draw(Graphics2D g, Map<String, BufferedImage> fetched) {
                if (url != null) {
                    drawImage(g, l, fetched.get(url), "contain".equals(fit));
                }
            }

            @Override
            public String imageUrl() {
                return url;
            }

            @Override
            public String toString() {
                return l.name();
            }
        };
    }

    private static Step prepareShape(Layer.Shape s) {
        String kind = choice(s.shape(), "rectangle", s.name(), "shape", "rectangle", "ellipse");
        Color fill = Colors.parseOptional(s.fill(), s.name(), "fill");
        Color border = Colors.parseOptional(s.borderColor(), s.name(), "border_color");
        int bw = Math.max(0, s.borderWidth());
        return (g, fetched) -> {
            if (fill != null) {
                g.setColor(fill);
                g.fill(outline(kind, s.x(), s.y(), s.width(), s.height(), s.cornerRadius()));
            }
            if (border != null && bw > 0) {
                double half = Math.min(bw, Math.min(s.width(), s.height()) / 2.0) / 2.0;
                g.setColor(border);
                g.setStroke(new BasicStroke((float) (half * 2)));
                g.draw(outline(kind, s.x() + half, s.y() + half, s.width() - 2 * half, s.height() - 2 * half,
                        Math.max(0, s.cornerRadius() - half)));
            }
        };
    }

    private static Shape outline(String kind, double x, double y, double w, double h, double radius) {
        if ("ellipse".equals(kind)) {
            return new Ellipse2D.Double(x, y, w, h);
        }
        double r = Math.min(Math.max(0, radius), Math.min(w, h) / 2);
        return r <= 0 ? new Rectangle2D.Double(x, y, w, h) : new RoundRectangle2D.Double(x, y, w, h, 2 * r, 2 * r);
    }

    private static Step prepareQr(Layer.QrCode q) {
        Color fg = Colors.parse(q.color() == null ? "#000000" : q.color(), q.name(), "color");
        Color bg = Colors.parse(q.background() == null ? "#FFFFFF" : q.background(), q.name(), "background");
        if (q.data() == null || q.data().isEmpty()) {
            return (g, fetched) -> {
            };
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(q.data(), BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, 0));
        } catch (WriterException | IllegalArgumentException e) {
            throw new RenderException(RenderException.INVALID_PROPERTY, "layer '" + q.name()
                    + "': the data cannot be encoded as a QR code (" + e.getMessage() + ")", e);
        }
        return (g, fetched) -> drawQr(g, q, matrix, fg, bg);
    }

    // ---- drawing ----------------------------------------------------------------------------------

    private Map<String, BufferedImage> fetchImages(List<Step> steps) {
        Map<String, BufferedImage> fetched = new HashMap<>();
        for (Step step : steps) {
            String url = step.imageUrl();
            if (url != null && !fetched.containsKey(url)) {
                try {
                    fetched.put(url, images.load(url));
                } catch (ImageFetchException e) {
                    throw RenderException.imageFailed(step.toString(), e);
                }
            }
        }
        return fetched;
    }

    private static void drawImage(Graphics2D g, Layer.Image l, BufferedImage img, boolean contain) {
        int iw = img.getWidth();
        int ih = img.getHeight();
        double sx = (double) l.width() / iw;
        double sy = (double) l.height() / ih;
        double scale = contain ? Math.min(sx, sy) : Math.max(sx, sy);
        // the scaled picture, centred on the box (long: a cover box can enlarge a thin picture a lot)
        long dw = Math.max(1, Math.round(iw * scale));
        long dh = Math.max(1, Math.round(ih * scale));
        long dx = l.x() + Math.round((l.width() - dw) / 2.0);
        long dy = l.y() + Math.round((l.height() - dh) / 2.0);
        // the visible picture: the box (cover) or the letterboxed picture inside it (contain), on the canvas
        Rectangle canvas = g.getClipBounds();
        long left = Math.max(Math.max(dx, l.x()), canvas.x);
        long top = Math.max(Math.max(dy, l.y()), canvas.y);
        long right = Math.min(Math.min(dx + dw, (long) l.x() + l.width()), (long) canvas.x + canvas.width);
        long bottom = Math.min(Math.min(dy + dh, (long) l.y() + l.height()), (long) canvas.y + canvas.height);
        if (right <= left || bottom <= top) {
            return;
        }
        int vx = (int) left;
        int vy = (int) top;
        int vw = (int) (right - left);
        int vh = (int) (bottom - top);
        // only the visible part is resampled: a vw x vh picture placed at (vx, vy)
        BufferedImage visible = Images.scale(img, dw, dh, vx - dx, vy - dy, vw, vh);
        // corners are rounded on the visible picture (for a layer cut by the canvas edge, on what is left)
        double radius = Math.min(Math.max(0, l.cornerRadius()), Math.min(vw, vh) / 2.0);
        int r = (int) Math.ceil(radius);
        if (r <= 0) {
            g.drawImage(visible, vx, vy, null);
            return;
        }
        // rounded corners: the body is copied as is (three rectangles that do not overlap, so a
        // picture with alpha is not drawn twice anywhere); each corner square gets an antialiased mask
        blit(g, visible, vx, vy, vx + r, vy, vw - 2 * r, vh);
        blit(g, visible, vx, vy, vx, vy + r, r, vh - 2 * r);
        blit(g, visible, vx, vy, vx + vw - r, vy + r, r, vh - 2 * r);
        Shape rounded = new RoundRectangle2D.Double(vx, vy, vw, vh, 2 * radius, 2 * radius);
        int[][] corners = {{vx, vy}, {vx + vw - r, vy}, {vx, vy + vh - r}, {vx + vw - r, vy + vh - r}};
        for (int[] corner : corners) {
            BufferedImage tile = new BufferedImage(r, r, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D tg = tile.createGraphics();
            try {
                applyHints(tg);
                tg.translate(-corner[0], -corner[1]);
                tg.setColor(Color.WHITE);
                tg.fill(rounded);
                tg.setComposite(AlphaComposite.SrcIn);
                tg.drawImage(visible, vx, vy, null);
            } finally {
                tg.dispose();
            }
            g.drawImage(tile, corner[0], corner[1], null);
        }
    }

    /** Draws the part of {@code picture} (placed at {@code px, py}) that falls in the given rectangle. */
    private static void blit(Graphics2D g, BufferedImage picture, int px, int py, int x, int y, int w, int h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        g.drawImage(picture, x, y, x + w, y + h, x - px, y - py, x - px + w, y - py + h, null);
    }

    private static void drawQr(Graphics2D g, Layer.QrCode q, BitMatrix m, Color fg, Color bg) {
        int modules = m.getWidth() + 2 * QR_QUIET_ZONE;
        int side = Math.min(q.width(), q.height());
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        try {
            g.setColor(bg);
            g.fillRect(q.x(), q.y(), q.width(), q.height());
            // whole-pixel modules stay crisp; a box smaller than the code gets fractional ones
            double module = side >= modules ? Math.floor((double) side / modules) : (double) side / modules;
            double size = module * modules;
            double ox = q.x() + (q.width() - size) / 2 + QR_QUIET_ZONE * module;
            double oy = q.y() + (q.height() - size) / 2 + QR_QUIET_ZONE * module;
            g.setColor(fg);
            for (int row = 0; row < m.getHeight(); row++) {
                int col = 0;
                while (col < m.getWidth()) {
                    if (!m.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < m.getWidth() && m.get(col, row)) {
                        col++;
                    }
                    int x0 = (int) Math.round(ox + start * module);
                    int x1 = (int) Math.round(ox + col * module);
                    int y0 = (int) Math.round(oy + row * module);
                    int y1 = (int) Math.round(oy + (row + 1) * module);
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                }
            }
        } finally {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        }
    }
}
