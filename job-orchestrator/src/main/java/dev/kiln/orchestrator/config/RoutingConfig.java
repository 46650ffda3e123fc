package dev.kiln.orchestrator.config;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/** Which worker pool serves which model ({@code kiln.routing.*}). */
@ConfigMapping(prefix = "kiln.routing")
public interface RoutingConfig {

    /**
     * Overrides of the catalogue's default pool, by model id, e.g.
     * {@code kiln.routing.pools."gemini-2.5-flash-image"=gpu-image} (quote ids that contain dots).
     * Models not listed go to the pool the model catalogue names.
     */
    Map<String, String> pools();
}
