package dev.kiln.workers.client;

import dev.kiln.workers.video.FfmpegToolkit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The ffmpeg program of template videos: the bundled static build, or {@code kiln.workers.video.ffmpeg-path},
 * with the wall-clock limit {@code kiln.workers.video.timeout} ({@link FfmpegToolkit#fromConfig()}). The program
 * is located (and the bundled one extracted) at its first use, not at startup.
 */
@ApplicationScoped
public class FfmpegToolkitProducer {

    @Produces
    @Singleton
    FfmpegToolkit ffmpegToolkit() {
        return FfmpegToolkit.fromConfig();
    }
}
