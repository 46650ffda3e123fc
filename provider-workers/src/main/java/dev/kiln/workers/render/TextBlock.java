package dev.kiln.workers.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Text laid out in a box: the chosen font size and the wrapped lines.
 *
 * <p>Wrapping is greedy at spaces (and at explicit line breaks). A word wider than the whole box is
 * broken between characters (grapheme clusters): a Latin word starts on a new line first; Korean,
 * Chinese and Japanese continue on the current line (those scripts may break between any two
 * characters, and Chinese and Japanese have no spaces at all).
 *
 * <p>With {@code autoFit}, the largest whole font size from {@code fontSize} down to
 * {@code minFontSize} whose wrapped lines fit the box (every line no wider than the box, the lines'
 * total height — count × font size × line height — no taller) is used. When even
 * {@code minFontSize} does not fit, or {@code autoFit} is off and {@code fontSize} does not fit, the
 * lines that fit are kept and the last one ends in an ellipsis ({@code …}).
 *
 * @param font         the font at the chosen size
 * @param fontSize     the chosen size in pixels
 * @param lines        the lines to draw, top to bottom (trailing spaces removed)
 * @param widths       each line's advance width in pixels
 * @param lineHeight   distance between baselines in pixels
 * @param ascent       the font's ascent in pixels
 * @param descent      the font's descent in pixels
 * @param truncated    whether text was cut and ellipsized
 */
public record TextBlock(Font font, int fontSize, List<String> lines, float[] widths, float lineHeight, float ascent,
                        float descent, boolean truncated) {
    /** Ellipsis appended to the last visible line when the text does not fit. */
    public static final String ELLIPSIS = "\u2026";
    /** Line height (multiple of the font size) when the template gives none. */
    public static final double DEFAULT_LINE_HEIGHT = 1.2;
    /** Largest font size honoured, in pixels. */
    public static final int MAX_FONT_SIZE = 1000;

    /** Total height of the lines: count × line height. */
    public float height() {
        return lines.size() * lineHeight;
    }

    /**
     * Lays out {@code text} in a {@code boxWidth} × {@code boxHeight} box.
     *
     * @param lineHeightFactor multiple of the font size; {@code <= 0} means {@value #DEFAULT_LINE_HEIGHT}
     */
    public static TextBlock layout(String text, String family, int weight, int fontSize, int minFontSize,
                                   boolean autoFit, double lineHeightFactor, int boxWidth, int boxHeight,
                                   FontRenderContext frc) {
        String content = normalize(text);
        int max = Math.clamp(fontSize, 1, MAX_FONT_SIZE);
        double factor = lineHeightFactor > 0 ? lineHeightFactor : DEFAULT_LINE_HEIGHT;
        if (!autoFit) {
            return fitOrTruncate(content, family, weight, max, factor, boxWidth, boxHeight, frc);
        }
        int min = minFontSize <= 0 ? Math.max(1, max / 4) : Math.clamp(minFontSize, 1, max);
        Candidate best = attempt(content, family, weight, max, factor, boxWidth, frc);
        if (best.fits(boxWidth, boxHeight)) {
            return best.block(false);
        }
        // binary search for the largest size that fits, in (min .. max)
        int lo = min;
        int hi = max - 1;
        Candidate found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Candidate c = attempt(content, family, weight, mid, factor, boxWidth, frc);
            if (c.fits(boxWidth, boxHeight)) {
                found = c;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found != null) {
            return found.block(false);
        }
        return fitOrTruncate(content, family, weight, min, factor, boxWidth, boxHeight, frc);
    }

    private static TextBlock fitOrTruncate(String content, String family, int weight, int size, double factor,
                                           int boxWidth, int boxHeight, FontRenderContext frc) {
        Candidate c = attempt(content, family, weight, size, factor, boxWidth, frc);
        if (c.fits(boxWidth, boxHeight)) {
            return c.block(false);
        }
        int maxLines = Math.max(1, (int) Math.floor((boxHeight + 0.01) / c.lineHeight));
        List<String> kept = new ArrayList<>(c.lines.subList(0, Math.min(maxLines, c.lines.size())));
        int last = kept.size() - 1;
        kept.set(last, ellipsize(kept.get(last), c.font, boxWidth, frc));
        return new Candidate(c.font, size, kept, c.lineHeight, frc).block(true);
    }

    /** Removes characters from the end of {@code line} until it plus an ellipsis fits. */
    static String ellipsize(String line, Font font, int maxWidth, FontRenderContext frc) {
        List<String> graphemes = graphemes(line.stripTrailing());
        while (!graphemes.isEmpty()) {
            String candidate = String.join("", graphemes).stripTrailing() + ELLIPSIS;
            if (width(candidate, font, frc) <= maxWidth) {
                return candidate;
            }
            graphemes.removeLast();
        }
        return ELLIPSIS;
    }

    private static Candidate attempt(String content, String family, int weight, int size, double factor,
                                     int boxWidth, FontRenderContext frc) {
        Font font = FontLibrary.font(family, weight, size);
        return new Candidate(font, size, wrap(content, font, boxWidth, frc), (float) (size * factor), frc);
    }

    /** Wraps {@code text} into lines no wider than {@code maxWidth} where possible. */
    static List<String> wrap(String text, Font font, int maxWidth, FontRenderContext frc) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder current = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (width(candidate, font, frc) <= maxWidth) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                boolean wordFitsAlone = width(word, font, frc) <= maxWidth;
                if (wordFitsAlone) {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                    continue;
                }
                // the word is wider than a whole line: break it between characters
                if (!current.isEmpty() && !breaksAnywhere(word)) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                String prefix = current.isEmpty() ? "" : current + " ";
                StringBuilder line = new StringBuilder(prefix);
                for (String g : graphemes(word)) {
                    if (line.isEmpty() || line.toString().isBlank()
                            || width(line + g, font, frc) <= maxWidth) {
                        line.append(g);
                    } else {
                        lines.add(line.toString().stripTrailing());
                        line.setLength(0);
                        line.append(g);
                    }
                }
                current.setLength(0);
                current.append(line);
            }
            lines.add(current.toString().stripTrailing());
        }
        // no trailing empty lines
        while (lines.size() > 1 && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    static float width(String s, Font font, FontRenderContext frc) {
        return s.isEmpty() ? 0f : (float) font.getStringBounds(s, frc).getWidth();
    }

    /** Scripts that may break between any two characters. */
    static boolean breaksAnywhere(String word) {
        return word.codePoints().anyMatch(cp -> switch (Character.UnicodeScript.of(cp)) {
            case HANGUL, HAN, HIRAGANA, KATAKANA, BOPOMOFO, YI -> true;
            default -> false;
        });
    }

    private static List<String> graphemes(String s) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(s);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(s.substring(start, end));
        }
        return out;
    }

    private static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ').strip();
    }

    private record Candidate(Font font, int size, List<String> lines, float lineHeight, FontRenderContext frc) {
        boolean fits(int boxWidth, int boxHeight) {
            if (lines.size() * lineHeight > boxHeight + 0.01f) {
                return false;
            }
            for (String line : lines) {
                if (width(line, font, frc) > boxWidth + 0.01f) {
                    return false;
                }
            }
            return true;
        }

        TextBlock block(boolean truncated) {
            float[] widths = new float[lines.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = width(lines.get(i), font, frc);
            }
            LineMetrics metrics = font.getLineMetrics("Hg\uD55C", frc);
            return new TextBlock(font, size, List.copyOf(lines), widths, lineHeight, metrics.getAscent(),
                    metrics.getDescent(), truncated);
        }
    }
}
