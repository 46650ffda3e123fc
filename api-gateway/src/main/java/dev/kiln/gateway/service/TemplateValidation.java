package dev.kiln.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.template.Layer;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.gateway.domain.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of templates and of the property values a render sends; every refusal is a
 * ValidationError naming the field ({@code canvas.width}, {@code layers[2].font_size},
 * {@code properties[0].color}) or the property.
 *
 * <p>Template bodies are read field by field from the JSON tree rather than bound to records, so that
 * a field a layer of that type does not have (a typo such as {@code colour}) is refused instead of
 * silently dropped, and a value of the wrong JSON type names its field. Unknown fields at the top level
 * of the body are ignored, so the answer of {@code GET /v1/templates/{id}} can be sent back as is.
 * Left-out fields get explicit defaults, so the stored document says exactly what the renderer draws.
 * Colours are stored upper-case as {@code #RRGGBB} or {@code #RRGGBBAA} ({@code #RGB} is expanded).
 */
public final class TemplateValidation {
    public static final int MAX_SIDE = 4096;
    public static final int MAX_LAYERS = 100;
    public static final int MAX_TEXT = 5000;
    public static final int MAX_QR_DATA = 2000;
    public static final int MAX_URL = 2048;
    public static final int MAX_FONT_SIZE = 1000;
    public static final int MAX_NAME = 200;
    public static final int MAX_SLUG = 100;
    public static final int MAX_FONT_NAME = 100;
    static final int MIN_POSITION = -4096;
    static final int MAX_POSITION = 4096;

    public static final String DEFAULT_FONT = "Noto Sans";
    public static final int DEFAULT_FONT_SIZE = 32;
    public static final int DEFAULT_FONT_WEIGHT = 400;
    public static final double DEFAULT_LINE_HEIGHT = 1.2;
    public static final String DEFAULT_INK = "#000000";
    public static final String DEFAULT_BACKGROUND = "#FFFFFF";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern LAYER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEX = Pattern.compile("#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})");
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final List<String> TYPES = List.of("text", "image", "shape", "qr_code");
    private static final List<String> COMMON = List.of("type", "name", "x", "y", "width", "height");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "text", List.of("text", "font", "font_size", "font_weight", "color", "align", "vertical_align",
                    "line_height", "auto_fit", "min_font_size"),
            "image", List.of("image_url", "fit", "corner_radius"),
            "shape", List.of("shape", "fill", "border_color", "border_width", "corner_radius"),
            "qr_code", List.of("data", "color", "background"));
    private static final List<String> CANVAS_FIELDS = List.of("width", "height", "background_color", "transparent");

    private TemplateValidation() {
    }

    /** A valid template body: what to store. */
    public record Template(String name, String slug, TemplateDocument.Canvas canvas, List<Layer> layers) {
        /** The document to store and snapshot, under {@code id}. */
        public TemplateDocument document(UUID id) {
            return new TemplateDocument(id.toString(), slug, name, canvas, layers);
        }
    }

    // ---- templates --------------------------------------------------------------------------------

    /** Reads and checks a template body ({@code POST /v1/templates}, {@code PUT /v1/templates/{id}}). */
    public static Template template(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.validation("A JSON request body is required");
        }
        if (!body.isObject()) {
            throw ApiException.validation("The request body must be a JSON object");
        }
        Obj root = new Obj(body, "");
        String name = root.string("name", true, MAX_NAME);
        if (name.isBlank()) {
            throw ApiException.validation("'name' must not be blank");
        }
        String slug = root.string("slug", true, MAX_SLUG);
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.validation("'slug' must be lower-case letters and digits in groups joined by single "
                    + "hyphens (e.g. summer-sale-card), at most " + MAX_SLUG + " characters");
        }
        if (UUID_FORM.matcher(slug).matches()) {
            throw ApiException.validation("'slug' must not have the form of a UUID (templates are looked up by "
                    + "slug or UUID)");
        }
        TemplateDocument.Canvas canvas = canvas(root.object("canvas", true));
        List<Layer> layers = new ArrayList<>();
        JsonNode layerNodes = body.get("layers");
        if (layerNodes != null && !layerNodes.isNull()) {
            if (!layerNodes.isArray()) {
                throw ApiException.validation("'layers' must be an array");
            }
            if (layerNodes.size() > MAX_LAYERS) {
                throw ApiException.validation("'layers' may hold at most " + MAX_LAYERS + " layers");
            }
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < layerNodes.size(); i++) {
                String path = "layers[" + i + "]";
                JsonNode node = layerNodes.get(i);
                if (node == null || !node.isObject()) {
                    throw ApiException.validation("'" + path + "' must be an object");
                }
                Layer layer = layer(new Obj(node, path + "."), path);
                Integer earlier = names.putIfAbsent(layer.name(), i);
                if (earlier != null) {
                    throw ApiException.validation("'" + path + ".name': layer name '" + layer.name()
                            + "' is already used by layers[" + earlier + "]; layer names must be unique");
                }
                layers.add(layer);
            }
        }
        return new Template(name.strip(), slug, canvas, layers);
    }

    private static TemplateDocument.Canvas canvas(Obj c) {
        c.onlyFields(CANVAS_FIELDS, "the canvas");
        int width = c.integer("width", null, 1, MAX_SIDE);
        int height = c.integer("height", null, 1, MAX_SIDE);
        String background = c.color("background_color", DEFAULT_BACKGROUND);
        boolean transparent = c.bool("transparent", false);
        return new TemplateDocument.Canvas(width, height, background, transparent);
    }

    private static Layer layer(Obj l, String path) {
        String type = l.string("type", true, 20);
        if (!TYPES.contains(type)) {
            throw ApiException.validation("'" + path + ".type' must be one of " + String.join(", ", TYPES)
                    + "; got '" + type + "'");
        }
        List<String> allowed = new ArrayList<>(COMMON);
        allowed.addAll(FIELDS.get(type));
        l.onlyFields(allowed, ("image".equals(type) ? "an " : "a ") + type + " layer");
        String name = l.string("name", true, 64);
        if (!LAYER_NAME.matcher(name).matches()) {
            throw ApiException.validation("'" + path + ".name' must be 1 to 64 letters, digits, '_' or '-'; got '"
                    + name + "'");
        }
        int x = l.integer("x", 0, MIN_POSITION, MAX_POSITION);
        int y = l.integer("y", 0, MIN_POSITION, MAX_POSITION);
        int width = l.integer("width", null, 1, MAX_SIDE);
        int height = l.integer("height", null, 1, MAX_SIDE);
        return switch (type) {
            case "text" -> {
                String text = l.optionalString("text", MAX_TEXT);
                String font = l.optionalString("font", MAX_FONT_NAME);
                int fontSize = l.integer("font_size", DEFAULT_FONT_SIZE, 1, MAX_FONT_SIZE);
                int fontWeight = l.integer("font_weight", DEFAULT_FONT_WEIGHT, 100, 900);
                String color = l.color("color", DEFAULT_INK);
                String align = l.choice("align", "left", "left", "center", "right");
                String vertical = l.choice("vertical_align", "top", "top", "middle", "bottom");
                double lineHeight = l.number("line_height", DEFAULT_LINE_HEIGHT, 0.5, 5);
                boolean autoFit = l.bool("auto_fit", false);
                int minFontSize = l.integer("min_font_size", Math.max(1, fontSize / 4), 1, MAX_FONT_SIZE);
                if (minFontSize > fontSize) {
                    throw ApiException.validation("'" + path + ".min_font_size' must not be larger than font_size ("
                            + fontSize + ")");
                }
                yield new Layer.Text(name, x, y, width, height, text,
                        font == null || font.isBlank() ? DEFAULT_FONT : font.strip(), fontSize, fontWeight, color,
                        align, vertical, lineHeight, autoFit, minFontSize);
            }
            case "image" -> {
                String url = l.optionalString("image_url", MAX_URL);
                if (url != null) {
                    url = httpUrl(url, "'" + path + ".image_url'");
                }
                yield new Layer.Image(name, x, y, width, height, url, l.choice("fit", "cover", "cover", "contain"),
                        l.integer("corner_radius", 0, 0, MAX_SIDE));
            }
            case "shape" -> new Layer.Shape(name, x, y, width, height,
                    l.choice("shape", "rectangle", "rectangle", "ellipse"), l.color("fill", null),
                    l.color("border_color", null), l.integer("border_width", 0, 0, MAX_SIDE),
                    l.integer("corner_radius", 0, 0, MAX_SIDE));
            default -> new Layer.QrCode(name, x, y, width, height, l.optionalString("data", MAX_QR_DATA),
                    l.color("color", DEFAULT_INK), l.color("background", DEFAULT_BACKGROUND));
        };
    }

    // ---- available properties ----------------------------------------------------------------------

    /** The layer's defaults keyed as a property object: text and color, image_url, or color. */
    public static Map<String, Object> defaults(Layer layer) {
        Map<String, Object> values = new LinkedHashMap<>();
        switch (layer) {
            case Layer.Text t -> {
                values.put("text", t.text());
                values.put("color", t.color());
            }
            case Layer.QrCode q -> {
                values.put("text", q.data());
                values.put("color", q.color());
            }
            case Layer.Image i -> values.put("image_url", i.imageUrl());
            case Layer.Shape s -> values.put("color", s.fill());
        }
        return values;
    }

    /** The wire name of a layer's type ({@code text}, {@code image}, {@code shape}, {@code qr_code}). */
    public static String layerType(Layer layer) {
        return switch (layer) {
            case Layer.Text t -> "text";
            case Layer.Image i -> "image";
            case Layer.Shape s -> "shape";
            case Layer.QrCode q -> "qr_code";
        };
    }

    // ---- render properties ------------------------------------------------------------------------

    /**
     * Checks a render request's property values against the template: every name is a layer of it
     * (once), and each value fits the layer's type — {@code text} (and optionally {@code color}) for
     * text and QR code layers, {@code image_url} (absolute http/https URL; whether its address may be
     * fetched is decided by the renderer at fetch time) for image layers, {@code color} for shapes.
     *
     * @return the values to render, colours normalised; empty for null
     */
    public static List<PropertyValue> properties(TemplateDocument template, List<PropertyValue> given) {
        if (given == null) {
            return List.of();
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        template.layers().forEach(layer -> layers.put(layer.name(), layer));
        Set<String> seen = new HashSet<>();
        List<PropertyValue> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            PropertyValue p = given.get(i);
            String path = "properties[" + i + "]";
            if (p == null) {
                throw ApiException.validation("'" + path + "' must be an object with a 'name'");
            }
            if (p.name() == null || p.name().isBlank()) {
                throw ApiException.validation("'" + path + ".name' is required");
            }
            Layer layer = layers.get(p.name());
            if (layer == null) {
                throw ApiException.validation("Unknown property '" + p.name() + "': template '" + template.slug()
                        + "' has no layer of that name; available properties: " + String.join(", ", layers.keySet()));
            }
            if (!seen.add(p.name())) {
                throw ApiException.validation("Property '" + p.name() + "' is given more than once");
            }
            out.add(property(p, layer));
        }
        return out;
    }

    private static PropertyValue property(PropertyValue p, Layer layer) {
        String name = p.name();
        String kind = layerType(layer) + " layer";
        return switch (layer.propertyType()) {
            case "text" -> {
                if (p.imageUrl() != null) {
                    throw ApiException.validation("Property '" + name + "' is a text property (" + kind
                            + "): give 'text' and optionally 'color', not 'image_url'");
                }
                if (p.text() == null && p.color() == null) {
                    throw ApiException.validation("Property '" + name + "' has no value: give 'text' (and optionally "
                            + "'color') for this " + kind);
                }
                int max = layer instanceof Layer.QrCode ? MAX_QR_DATA : MAX_TEXT;
                if (p.text() != null && p.text().length() > max) {
                    throw ApiException.validation("Property '" + name + "': 'text' must be at most " + max
                            + " characters");
                }
                yield new PropertyValue(name, p.text(), null, propertyColor(p));
            }
            case "image" -> {
                if (p.text() != null || p.color() != null) {
                    throw ApiException.validation("Property '" + name + "' is an image property (" + kind
                            + "): give 'image_url', not '" + (p.text() != null ? "text" : "color") + "'");
                }
                if (p.imageUrl() == null) {
                    throw ApiException.validation("Property '" + name + "' has no value: give 'image_url' for this "
                            + kind);
                }
                yield new PropertyValue(name, null, httpUrl(p.imageUrl(), "Property '" + name + "': 'image_url'"),
                        null);
            }
            default -> {
                if (p.text() != null || p.imageUrl() != null) {
                    throw ApiException.validation("Property '" + name + "' is a color property (" + kind
                            + "): give 'color', not '" + (p.text() != null ? "text" : "image_url") + "'");
                }
                if (p.color() == null) {
                    throw ApiException.validation("Property '" + name + "' has no value: give 'color' for this " + kind);
                }
                yield new PropertyValue(name, null, null, propertyColor(p));
            }
        };
    }

    private static String propertyColor(PropertyValue p) {
        if (p.color() == null) {
            return null;
        }
        if (!HEX.matcher(p.color().strip()).matches()) {
            throw ApiException.validation("Property '" + p.name() + "': 'color' must be a hex colour #RGB, #RRGGBB "
                    + "or #RRGGBBAA; got '" + p.color() + "'");
        }
        return normalizeColor(p.color().strip());
    }

    // ---- values -----------------------------------------------------------------------------------

    /** Upper-case {@code #RRGGBB} or {@code #RRGGBBAA} of a valid hex colour ({@code #RGB} expanded). */
    static String normalizeColor(String hex) {
        String digits = hex.substring(1).toUpperCase(Locale.ROOT);
        if (digits.length() == 3) {
            StringBuilder expanded = new StringBuilder("#");
            for (char c : digits.toCharArray()) {
                expanded.append(c).append(c);
            }
            return expanded.toString();
        }
        return "#" + digits;
    }

    /**
     * An absolute http(s) URL with a host, at most {@value #MAX_URL} characters (syntax only). A stored-asset
     * reference ({@code kiln-asset:…}) is refused with its own message: only the platform makes those
     * (see {@link StoredAssets}), from the signed asset URLs callers send.
     */
    static String httpUrl(String url, String field) {
        String message = field + " must be an absolute http or https URL of at most " + MAX_URL + " characters";
        if (AssetUrls.isReference(url.strip())) {
            throw ApiException.validation(message + "; '" + AssetUrls.REFERENCE_SCHEME + "' references are not "
                    + "accepted, send the asset's signed URL instead");
        }
        if (url.length() > MAX_URL) {
            throw ApiException.validation(message);
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                throw ApiException.validation(message);
            }
            return url.strip();
        } catch (URISyntaxException e) {
            throw ApiException.validation(message);
        }
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A JSON object being read; {@code prefix} names its fields in messages (e.g. {@code layers[2].}). */
    private record Obj(JsonNode node, String prefix) {
        private String path(String field) {
            return "'" + prefix + field + "'";
        }

        private JsonNode value(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        void onlyFields(List<String> allowed, String what) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!allowed.contains(field)) {
                    throw ApiException.validation(path(field) + " is not a field of " + what + "; allowed fields: "
                            + String.join(", ", allowed));
                }
            }
        }

        Obj object(String field, boolean required) {
            JsonNode v = value(field);
            if (v == null) {
                if (required) {
                    throw ApiException.validation(path(field) + " is required");
                }
                return null;
            }
            if (!v.isObject()) {
                throw ApiException.validation(path(field) + " must be an object");
            }
            return new Obj(v, prefix + field + ".");
        }

        String string(String field, boolean required, int maxLength) {
            String s = optionalString(field, maxLength);
            if (s == null && required) {
                throw ApiException.validation(path(field) + " is required");
            }
            return s;
        }

        String optionalString(String field, int maxLength) {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                throw ApiException.validation(path(field) + " must be a string");
            }
            if (v.textValue().length() > maxLength) {
                throw ApiException.validation(path(field) + " must be at most " + maxLength + " characters");
            }
            return v.textValue();
        }

        int integer(String field, Integer fallback, int min, int max) {
            JsonNode v = value(field);
            String message = path(field) + " must be an integer between " + min + " and " + max;
            if (v == null) {
                if (fallback == null) {
                    throw ApiException.validation(path(field) + " is required (an integer between " + min + " and "
                            + max + ")");
                }
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw ApiException.validation(message);
            }
            int i = v.intValue();
            if (i < min || i > max) {
                throw ApiException.validation(message);
            }
            return i;
        }

        double number(String field, double fallback, double min, double max) {
            JsonNode v = value(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
                throw ApiException.validation(path(field) + " must be a number between " + plain(min) + " and "
                        + plain(max));
            }
            return v.doubleValue();
        }

        boolean bool(String field, boolean fallback) {
            JsonNode v = value(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw ApiException.validation(path(field) + " must be true or false");
            }
            return v.booleanValue();
        }

        String choice(String field, String fallback, String... allowed) {
            JsonNode v = value(field);
            if (v == null) {
                return fallback;
            }
            if (v.isTextual()) {
                for (String a : allowed) {
                    if (a.equals(v.textValue())) {
                        return a;
                    }
                }
            }
            throw ApiException.validation(path(field) + " must be one of " + String.join(", ", allowed) + "; got "
                    + v);
        }

        /** A hex colour, normalised; {@code fallback} (may be null) when absent or null. */
        String color(String field, String fallback) {
            JsonNode v = value(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual() || !HEX.matcher(v.textValue().strip()).matches()) {
                throw ApiException.validation(path(field) + " must be a hex colour #RGB, #RRGGBB or #RRGGBBAA; got "
                        + v);
            }
            return normalizeColor(v.textValue().strip());
        }
    }
}
