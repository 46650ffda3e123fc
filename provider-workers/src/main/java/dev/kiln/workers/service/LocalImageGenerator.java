package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.GeneratedOutput;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The local <b>image</b> stand-in of the {@code local-gemini-image} and {@code local-minimax-image}
 * pools. <b>This is not AI</b> (see {@link LocalGenerator}): it renders the {@link PromptPicture} of
 * the prompt as a PNG (or, when the spec's format is {@code image/jpeg}, a JPEG) of exactly
 * {@code spec.width() x spec.height()} pixels. The same prompt, size and format always give a
 * byte-identical file; different prompts give different images. A prompt that starts with the
 * failure marker fails with {@code generation_failed}.
 */
@Singleton
public class LocalImageGenerator extends LocalGenerator {
    public static final String CONTENT_TYPE = "image/png";
    public static final String JPEG = "image/jpeg";

    @Inject
    public LocalImageGenerator(WorkerConfig config) {
        this(config.failureMarker());
    }

    public LocalImageGenerator(String failureMarker) {
        super(failureMarker);
    }

    @Override
    public List<String> contentTypes() {
        return List.of(CONTENT_TYPE, JPEG);
    }

    @Override
    protected GeneratedOutput produce(JobSpec spec, String format, byte[] seed) {
        String extension = JPEG.equals(format) ? "jpg" : "png";
        byte[] data = encode(PromptPicture.render(seed, spec.width(), spec.height()), extension);
        return new GeneratedOutput(data, format, extension, spec.width(), spec.height());
    }

    private static byte[] encode(BufferedImage image, String imageIoFormat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, imageIoFormat, out)) {
                throw new IllegalStateException("No " + imageIoFormat + " writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
