package dev.kiln.workers.messaging;

import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.workers.domain.Pools;
import dev.kiln.workers.service.LocalImageGenerator;
import dev.kiln.workers.service.LocalVideoGenerator;
import dev.kiln.workers.service.TemplateImageGenerator;
import dev.kiln.workers.service.TemplateVideoGenerator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The worker pools, one per model family. Each method is one pool: it consumes the pool's
 * dispatch topic {@code kiln.jobs.dispatch.<pool>.v1} (channel {@code <pool>-dispatch}, consumer
 * group {@code provider-workers-<pool>}) and hands each record to {@link PoolDispatcher} with the
 * pool's generator. Generation is CPU work, so each pool runs on its own named worker pool
 * {@code <pool>-pool} whose size is {@code KILN_POOL_<POOL>_CONCURRENCY}; each pool is switched on
 * or off with {@code KILN_POOL_<POOL>_ENABLED} (see {@code application.properties}), so every pool
 * can be deployed and scaled on its own. A record is acknowledged when its method returns, i.e.
 * after Kafka acknowledged the result events.
 *
 * <p>The four AI pools run <b>local stand-in generators, not AI</b> ({@link LocalImageGenerator},
 * {@link LocalVideoGenerator}); {@code local-template-image} renders template images
 * ({@link TemplateImageGenerator}), {@code local-template-video} template videos ({@link TemplateVideoGenerator}). <b>Adding a pool</b> (e.g. an upstream adapter): a
 * {@link dev.kiln.workers.service.Generator}, one method here and the channel lines in
 * {@code application.properties}; then route models to it in the orchestrator
 * ({@code kiln.routing.pools."<model>"=<pool>}).
 */
@ApplicationScoped
public class WorkerPools {
    private final PoolDispatcher dispatcher;
    private final LocalImageGenerator images;
    private final LocalVideoGenerator videos;
    private final TemplateImageGenerator templateImages;
    private final TemplateVideoGenerator templateVideos;

    public WorkerPools(PoolDispatcher dispatcher, LocalImageGenerator images, LocalVideoGenerator videos,
                       TemplateImageGenerator templateImages, TemplateVideoGenerator templateVideos) {
        this.dispatcher = dispatcher;
        this.images = images;
        this.videos = videos;
        this.templateImages = templateImages;
        this.templateVideos = templateVideos;
    }

    /** Gemini image models (gemini-2.5-flash-image, gemini-3.1-flash-image-preview, gemini-3-pro-image-preview). */
    @Incoming("local-gemini-image-dispatch")
    @Blocking(value = "local-gemini-image-pool", ordered = false)
    public void localGeminiImage(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_GEMINI_IMAGE, images, event);
    }

    /** MiniMax image-01. */
    @Incoming("local-minimax-image-dispatch")
    @Blocking(value = "local-minimax-image-pool", ordered = false)
    public void localMinimaxImage(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_MINIMAX_IMAGE, images, event);
    }

    /** MiniMax-Hailuo-2.3 video. */
    @Incoming("local-minimax-video-dispatch")
    @Blocking(value = "local-minimax-video-pool", ordered = false)
    public void localMinimaxVideo(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_MINIMAX_VIDEO, videos, event);
    }

    /** Veo video models (veo-3.1-fast-generate-preview, veo-3.1-generate-preview, veo-3.0-fast-generate-preview). */
    @Incoming("local-veo-video-dispatch")
    @Blocking(value = "local-veo-video-pool", ordered = false)
    public void localVeoVideo(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_VEO_VIDEO, videos, event);
    }

    /** Template images (model {@code template-image}): the job's template snapshot rendered as PNG, JPEG or WebP. */
    @Incoming("local-template-image-dispatch")
    @Blocking(value = "local-template-image-pool", ordered = false)
    public void localTemplateImage(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_TEMPLATE_IMAGE, templateImages, event);
    }

    /** Template videos (model {@code template-video}): the job's template snapshot over its input media, H.264 MP4. */
    @Incoming("local-template-video-dispatch")
    @Blocking(value = "local-template-video-pool", ordered = false)
    public void localTemplateVideo(KilnEvent event) {
        dispatcher.handle(Pools.LOCAL_TEMPLATE_VIDEO, templateVideos, event);
    }
}
