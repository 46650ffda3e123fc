package dev.kiln.workers.client;

import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.render.ImageSource;
import dev.kiln.workers.render.SafeImageFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where template image layers get their pictures: the {@link SafeImageFetcher} (http/https to public
 * addresses only, checked at connect time) with the caps of {@code kiln.workers.render.*}.
 */
@ApplicationScoped
public class ImageSourceProducer {

    @Produces
    @Singleton
    ImageSource imageSource(WorkerConfig config) {
        return new SafeImageFetcher(limits(config.render()));
    }

    /** The fetcher's caps from configuration. */
    public static SafeImageFetcher.Limits limits(WorkerConfig.Render render) {
        return new SafeImageFetcher.Limits(render.imageMaxBytes(), render.imageConnectTimeout(),
                render.imageReadTimeout(), render.imageTotalTimeout(), render.imageMaxRedirects(),
                render.imageMaxPixels());
    }
}
