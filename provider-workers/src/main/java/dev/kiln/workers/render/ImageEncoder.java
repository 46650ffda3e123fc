package dev.kiln.workers.render;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageReaderSpi;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import com.pngencoder.PngEncoder;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * Encodes a drawn canvas. PNG with {@code com.pngencoder} (several times faster than the JDK's
 * ImageIO writer), single-threaded so one render uses one core (a worker pool renders several jobs in
 * parallel instead); JPEG with the JDK's writer at quality 0.9; WebP with libwebp
 * ({@code com.github.usefulness:webp-imageio}), lossy at quality 90 with a lossless alpha channel.
 */
public final class ImageEncoder {
    /**
     * zlib level of PNG output. Levels 1–3 use zlib's fast matcher, 4–9 its lazy one, which takes
     * about twice as long for files some 20% smaller; 3 is the smallest of the fast ones.
     */
    static final int PNG_COMPRESSION_LEVEL = 3;
    static final float JPEG_QUALITY = 0.9f;
    static final float WEBP_QUALITY = 0.9f;

    static {
        registerWebp();
    }

    private ImageEncoder() {
    }

    /**
     * Registers the WebP reader and writer with ImageIO explicitly (their service files are only
     * found when the class loader that first touches ImageIO sees the jar).
     */
    static void registerWebp() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new WebPImageWriterSpi(), ImageWriterSpi.class);
        registry.registerServiceProvider(new WebPImageReaderSpi(), ImageReaderSpi.class);
    }

    public static byte[] encode(BufferedImage image, OutputFormat format) {
        return switch (format) {
            case PNG -> new PngEncoder()
                    .withBufferedImage(image)
                    .withCompressionLevel(PNG_COMPRESSION_LEVEL)
                    .withMultiThreadedCompressionEnabled(false)
                    .toBytes();
            case JPEG -> write(image, "jpeg", writer -> {
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(JPEG_QUALITY);
                return p;
            });
            case WEBP -> write(image, "webp", writer -> {
                WebPWriteParam p = new WebPWriteParam(Locale.ROOT);
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType(CompressionType.Lossy);
                p.setCompressionQuality(WEBP_QUALITY);
                return p;
            });
        };
    }

    private interface ParamFactory {
        ImageWriteParam create(ImageWriter writer);
    }

    private static byte[] write(BufferedImage image, String formatName, ParamFactory params) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName);
        if (!writers.hasNext()) {
            throw new IllegalStateException("No ImageIO writer for " + formatName);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), params.create(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + formatName, e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
