package dev.kiln.workers.render;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-image comparison. Goldens are PNGs in {@code src/test/resources/golden/}; run the tests with
 * {@code -Dkiln.golden.update=true} to (re)write them from the current renderer, then look at them
 * before committing.
 *
 * <p>Tolerance: rendering may differ slightly between JDK builds (antialiasing, font rasteriser), so
 * a render matches when the mean absolute difference per channel is at most
 * {@value #MAX_MEAN_DIFFERENCE} (of 255) and at most {@value #MAX_DIFFERING_PERCENT}% of the pixels
 * differ by more than {@value #PIXEL_THRESHOLD} in some channel.
 */
final class Golden {
    static final double MAX_MEAN_DIFFERENCE = 1.5;
    static final double MAX_DIFFERING_PERCENT = 0.5;
    static final int PIXEL_THRESHOLD = 40;
    static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    static boolean updating() {
        return Boolean.getBoolean("kiln.golden.update");
    }

    /** Difference between two pictures of the same size. */
    record Diff(double meanAbsolute, double differingPercent) {
        boolean withinTolerance() {
            return meanAbsolute <= MAX_MEAN_DIFFERENCE && differingPercent <= MAX_DIFFERING_PERCENT;
        }

        @Override
        public String toString() {
            return String.format("mean |diff| %.3f per channel (max %.1f), %.3f%% pixels differ by > %d (max %.1f%%)",
                    meanAbsolute, MAX_MEAN_DIFFERENCE, differingPercent, PIXEL_THRESHOLD, MAX_DIFFERING_PERCENT);
        }
    }

    static Diff diff(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth()).as("width").isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).as("height").isEqualTo(expected.getHeight());
        long sum = 0;
        long differing = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = canonical(expected.getRGB(x, y));
                int b = canonical(actual.getRGB(x, y));
                int max = 0;
                for (int shift = 0; shift < 32; shift += 8) {
                    int d = Math.abs(((a >>> shift) & 0xFF) - ((b >>> shift) & 0xFF));
                    sum += d;
                    max = Math.max(max, d);
                }
                if (max > PIXEL_THRESHOLD) {
                    differing++;
                }
            }
        }
        long pixels = (long) expected.getWidth() * expected.getHeight();
        return new Diff(sum / (pixels * 4.0), differing * 100.0 / pixels);
    }

    /** Fully transparent pixels compare equal whatever their colour bits. */
    private static int canonical(int argb) {
        return (argb >>> 24) == 0 ? 0 : argb;
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as("decodable " + file).isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(byte[] data) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(data));
            assertThat(image).as("decodable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares {@code png} (a rendered PNG) with the golden {@code name}, or rewrites the golden. */
    static void assertMatches(String name, byte[] png) {
        assertMatches(DIR.resolve(name + ".png"), png, "-Dkiln.golden.update=true", updating());
    }

    static void assertMatches(Path golden, byte[] png, String updateFlag, boolean update) {
        if (update) {
            try {
                Files.createDirectories(golden.getParent());
                Files.write(golden, png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(golden).as("golden " + golden + " (write it with " + updateFlag + ")").exists();
        Diff diff = diff(read(golden), read(png));
        assertThat(diff.withinTolerance()).as("render vs " + golden + ": " + diff).isTrue();
    }

    static BufferedImage golden(String name) {
        return read(DIR.resolve(name + ".png"));
    }
}
