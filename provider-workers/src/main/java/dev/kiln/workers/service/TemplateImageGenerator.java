package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.RenderException;
import dev.kiln.workers.render.RenderOutput;
import dev.kiln.workers.render.TemplateRenderer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The generator of pool {@code local-template-image}: renders the template snapshot the job carries
 * ({@link JobSpec#render()}) with the {@link TemplateRenderer}, so a job renders the template as it
 * was when it was submitted.
 *
 * <p>Output format: the request option {@code format} when given, else the spec's {@code format},
 * else PNG — {@code image/png}, {@code image/jpeg} or {@code image/webp} (short names {@code png},
 * {@code jpeg}, {@code jpg}, {@code webp} too). The output has the canvas's size.
 *
 * <p>Failures keep the renderer's machine codes ({@link RenderException}): a job without a render
 * snapshot fails with {@code invalid_template}; a bad colour, layer or format with
 * {@code invalid_color}, {@code invalid_property}, {@code unsupported_format}; an image layer whose
 * URL is refused or cannot be fetched with the fetcher's code ({@code forbidden_address},
 * {@code timeout}, {@code not_an_image}, …). Image URLs go through the {@link ImageSource} bean, in
 * production the safe fetcher (public addresses only); a stored-asset reference ({@code kiln-asset:…}) is
 * read from the bucket when it is an output of the job's own account ({@link AccountImageSource}), and
 * fails with {@code forbidden_asset} otherwise.
 *
 * <p>Deterministic for the same snapshot and the same fetched pictures, so a redelivered dispatch
 * writes the same object again.
 */
@Singleton
public class TemplateImageGenerator implements Generator {
    private static final Logger LOG = Logger.getLogger(TemplateImageGenerator.class);
    /** The request option that names the output format. */
    public static final String FORMAT_OPTION = "format";

    private final ImageSource images;
    private final StoredAssets stored;
    private final long imageMaxBytes;
    private final long imageMaxPixels;

    @Inject
    public TemplateImageGenerator(ImageSource images, StoredAssets stored, WorkerConfig config) {
        this(images, stored, config.render().imageMaxBytes(), config.render().imageMaxPixels());
    }

    /**
     * @param images         where image layers' URLs are fetched
     * @param stored         where stored-asset references are read
     * @param imageMaxBytes  largest stored picture read
     * @param imageMaxPixels largest decoded stored picture
     */
    public TemplateImageGenerator(ImageSource images, StoredAssets stored, long imageMaxBytes, long imageMaxPixels) {
        this.images = images;
        this.stored = stored;
        this.imageMaxBytes = imageMaxBytes;
        this.imageMaxPixels = imageMaxPixels;
    }

    @Override
    public GeneratedOutput generate(JobSpec spec, String accountId) {
        TemplateRender render = snapshotOf(spec);
        TemplateRenderer renderer = new TemplateRenderer(
                new AccountImageSource(images, stored, accountId, imageMaxBytes, imageMaxPixels));
        RenderOutput out = renderer.render(render, format(spec));
        if ((spec.width() > 0 && spec.width() != out.width()) || (spec.height() > 0 && spec.height() != out.height())) {
            LOG.debugf("Template %s rendered at its canvas size %dx%d, the spec said %dx%d",
                    render.template().slug(), out.width(), out.height(), spec.width(), spec.height());
        }
        return new GeneratedOutput(out.data(), out.contentType(), out.extension(), out.width(), out.height());
    }

    /**
     * The template snapshot a template job carries.
     *
     * @throws RenderException {@value RenderException#INVALID_TEMPLATE} when the job carries none
     */
    static TemplateRender snapshotOf(JobSpec spec) {
        TemplateRender render = spec.render();
        if (render == null || render.template() == null) {
            throw new RenderException(RenderException.INVALID_TEMPLATE,
                    "The job carries no template to render (model " + spec.model() + ")");
        }
        return render;
    }

    /** The requested output format: option {@code format}, else the spec's format (null: PNG). */
    static String format(JobSpec spec) {
        String option = spec.options().get(FORMAT_OPTION);
        return option != null && !option.isBlank() ? option : spec.format();
    }
}
