package dev.kiln.workers.domain;

import java.util.List;

/**
 * The worker pools this build runs, one per model family. Each reads
 * {@link dev.kiln.contracts.Topics#dispatch(String)} of its name with consumer group
 * {@code provider-workers-<pool>} and is switched on or off with
 * {@code KILN_POOL_<POOL_UPPER_SNAKE>_ENABLED}.
 *
 * <p>The four AI pools are <b>local stand-ins</b> (not AI) for offline use and tests. A real upstream
 * adapter is a new pool; the orchestrator is pointed at it per model
 * ({@code kiln.routing.pools."<model>"=<pool>}), with no change to the gateway. {@link #LOCAL_TEMPLATE_IMAGE}
 * renders template images and {@link #LOCAL_TEMPLATE_VIDEO} template videos (not in the AI model catalogue;
 * the orchestrator routes models {@code template-image} and {@code template-video} to them).
 */
public final class Pools {
    /** gemini-2.5-flash-image, gemini-3.1-flash-image-preview, gemini-3-pro-image-preview. */
    public static final String LOCAL_GEMINI_IMAGE = "local-gemini-image";
    /** image-01 (MiniMax Hailuo Image). */
    public static final String LOCAL_MINIMAX_IMAGE = "local-minimax-image";
    /** MiniMax-Hailuo-2.3. */
    public static final String LOCAL_MINIMAX_VIDEO = "local-minimax-video";
    /** veo-3.1-fast-generate-preview, veo-3.1-generate-preview, veo-3.0-fast-generate-preview. */
    public static final String LOCAL_VEO_VIDEO = "local-veo-video";
    /** Template images (model {@code template-image}): the template renderer, PNG / JPEG / WebP. */
    public static final String LOCAL_TEMPLATE_IMAGE = "local-template-image";
    /** Template videos (model {@code template-video}): the template's layers over the input media, H.264 MP4. */
    public static final String LOCAL_TEMPLATE_VIDEO = "local-template-video";

    /** Every pool of this build. */
    public static final List<String> ALL = List.of(LOCAL_GEMINI_IMAGE, LOCAL_MINIMAX_IMAGE, LOCAL_MINIMAX_VIDEO,
            LOCAL_VEO_VIDEO, LOCAL_TEMPLATE_IMAGE, LOCAL_TEMPLATE_VIDEO);

    private Pools() {
    }

    /** The switch of a pool, e.g. {@code KILN_POOL_LOCAL_GEMINI_IMAGE_ENABLED}. */
    public static String enabledVariable(String pool) {
        return "KILN_POOL_" + pool.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ENABLED";
    }
}
