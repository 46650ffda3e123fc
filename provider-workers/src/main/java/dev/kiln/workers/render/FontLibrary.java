package dev.kiln.workers.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fonts bundled with the renderer (resources under {@code fonts/}), loaded once per JVM.
 *
 * <p>One family today: <b>Noto Sans KR</b> (SIL Open Font License 1.1), regular (400) and bold
 * (700), which covers Latin, Latin-1, Cyrillic and Korean (all 11,172 Hangul syllables). A template
 * names it {@code Noto Sans KR}, {@code Noto Sans} or {@code sans-serif}; an unknown or missing
 * family falls back to it. Weights from 600 up use the bold face, lighter ones the regular face.
 */
public final class FontLibrary {
    /** The family used for unknown or missing font names. */
    public static final String DEFAULT_FAMILY = "Noto Sans KR";

    private static final Map<String, String> ALIASES = Map.of(
            "noto sans kr", DEFAULT_FAMILY,
            "noto sans", DEFAULT_FAMILY,
            "sans-serif", DEFAULT_FAMILY,
            "sans serif", DEFAULT_FAMILY);

    private static final class Faces {
        static final Font REGULAR = load("fonts/noto-sans-kr/NotoSansKR-Regular.ttf");
        static final Font BOLD = load("fonts/noto-sans-kr/NotoSansKR-Bold.ttf");
    }

    private static final Map<Long, Font> DERIVED = new ConcurrentHashMap<>();

    private FontLibrary() {
    }

    /** The family names (and aliases) a template may use. */
    public static List<String> families() {
        return List.of(DEFAULT_FAMILY, "Noto Sans", "sans-serif");
    }

    /** The face for a family and a CSS-style weight (100–900), at {@code size} pixels. */
    public static Font font(String family, int weight, float size) {
        boolean bold = weight >= 600;
        // one family for now: every alias and unknown name resolves to it
        String resolved = family == null ? DEFAULT_FAMILY
                : ALIASES.getOrDefault(family.strip().toLowerCase(Locale.ROOT), DEFAULT_FAMILY);
        assert resolved.equals(DEFAULT_FAMILY);
        long key = ((long) Float.floatToIntBits(size) << 1) | (bold ? 1 : 0);
        return DERIVED.computeIfAbsent(key, k -> (bold ? Faces.BOLD : Faces.REGULAR).deriveFont(size));
    }

    /** Loads the bundled faces now (e.g. at startup) instead of on the first text layer. */
    public static void preload() {
        font(DEFAULT_FAMILY, 400, 12f);
        font(DEFAULT_FAMILY, 700, 12f);
    }

    private static Font load(String resource) {
        try (InputStream in = FontLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font " + resource + " is missing");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("Bundled font " + resource + " is not a TrueType font", e);
        }
    }
}
