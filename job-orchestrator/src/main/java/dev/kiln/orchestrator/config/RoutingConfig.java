package dev.kiln.orchestrator.config;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/** Which worker pool serves which model ({@code kiln.routing.*}). */
@ConfigMapping(prefix = "kiln.routing")
public interface RoutingConfig {

    /**
     * Overrides of the catalogue's default pool, by model id, e.g.
     * {@code kiln.routing.pools."gemini-2.5-flash-image"=gpu-image} (quote ids that contain dots).
     * Models not listed go to the pool the model catalogue names. Template models are not in the
     * catalogue; {@code application.properties} routes {@code template-image} to
     * {@code local-template-image} and {@code template-video} to {@code local-template-video} (the template
     * renderers of provider-workers).
     */
    Map<String, String> pools();
}
