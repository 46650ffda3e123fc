package dev.kiln.workers.client;

import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.MediaSource;
import dev.kiln.workers.render.SafeImageFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where user-supplied URLs are fetched from: the {@link SafeImageFetcher} (http/https to public addresses
 * only, checked at connect time) — for template image layers with the caps of {@code kiln.workers.render.*},
 * for the input media and audio of template videos with those of {@code kiln.workers.template-video.*}.
 */
@ApplicationScoped
public class ImageSourceProducer {

    @Produces
    @Singleton
    ImageSource imageSource(WorkerConfig config) {
        return new SafeImageFetcher(limits(config.render()));
    }

    @Produces
    @Singleton
    MediaSource mediaSource(WorkerConfig config) {
        return new SafeImageFetcher(limits(config.templateVideo(), config.render()));
    }

    /** The image fetcher's caps from configuration. */
    public static SafeImageFetcher.Limits limits(WorkerConfig.Render render) {
        return new SafeImageFetcher.Limits(render.imageMaxBytes(), render.imageConnectTimeout(),
                render.imageReadTimeout(), render.imageTotalTimeout(), render.imageMaxRedirects(),
                render.imageMaxPixels());
    }

    /** The media fetcher's caps from configuration: the larger of the media and audio caps per body. */
    public static SafeImageFetcher.Limits limits(WorkerConfig.TemplateVideo video, WorkerConfig.Render render) {
        return new SafeImageFetcher.Limits(Math.max(video.mediaMaxBytes(), video.audioMaxBytes()),
                video.connectTimeout(), video.readTimeout(), video.totalTimeout(), video.maxRedirects(),
                render.imageMaxPixels());
    }
}
