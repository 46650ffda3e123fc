package dev.kiln.workers.render;

import java.awt.Color;

/** Hex colours as templates write them: {@code #RGB}, {@code #RRGGBB} or {@code #RRGGBBAA}. */
public final class Colors {
    private Colors() {
    }

    /**
     * Parses a hex colour.
     *
     * @param value    the colour, e.g. {@code #1A2B3C} or {@code #1a2b3c80}
     * @param layer    the layer it belongs to (for the message), or {@code canvas}
     * @param property the property it belongs to (for the message), e.g. {@code fill}
     * @throws RenderException {@value RenderException#INVALID_COLOR} naming the layer and property
     */
    public static Color parse(String value, String layer, String property) {
        if (value == null) {
            throw invalid(null, layer, property);
        }
        String hex = value.strip();
        if (!hex.startsWith("#")) {
            throw invalid(value, layer, property);
        }
        hex = hex.substring(1);
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw invalid(value, layer, property);
            }
        }
        return switch (hex.length()) {
            case 3 -> new Color(nibble(hex, 0) * 17, nibble(hex, 1) * 17, nibble(hex, 2) * 17);
            case 6 -> new Color(Integer.parseInt(hex, 16));
            case 8 -> withAlpha(Integer.parseInt(hex, 0, 6, 16), Integer.parseInt(hex, 6, 8, 16));
            default -> throw invalid(value, layer, property);
        };
    }

    /** Like {@link #parse} but {@code null} (or blank) means "none". */
    public static Color parseOptional(String value, String layer, String property) {
        return value == null || value.isBlank() ? null : parse(value, layer, property);
    }

    /** Whether {@code value} is a valid template colour. */
    public static boolean isValid(String value) {
        try {
            parse(value, "", "");
            return true;
        } catch (RenderException e) {
            return false;
        }
    }

    private static Color withAlpha(int rgb, int alpha) {
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
    }

    private static int nibble(String hex, int i) {
        return Character.digit(hex.charAt(i), 16);
    }

    private static RenderException invalid(String value, String layer, String property) {
        return new RenderException(RenderException.INVALID_COLOR,
                "layer '" + layer + "' " + property + ": " + (value == null ? "missing colour" : "'" + value + "'")
                        + " is not a hex colour (#RGB, #RRGGBB or #RRGGBBAA)");
    }
}
