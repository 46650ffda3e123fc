package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.domain.ErrorCodes;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;

import java.util.List;
import java.util.Locale;

/**
 * Base of the <b>local stand-in generators</b> ({@link LocalImageGenerator}, {@link LocalVideoGenerator}).
 * <b>They are not AI.</b> They need no network and no model and exist for offline use, the local
 * stack and tests: they turn the prompt deterministically into a picture or a clip of the
 * requested size, so the whole pipeline (dispatch, storage, results, billing, webhooks, signed
 * URLs) runs end to end without an upstream provider. In production a real upstream adapter (its
 * own pool and {@link Generator}) replaces a stand-in pool through routing configuration alone
 * (orchestrator {@code kiln.routing.pools."<model>"=<pool>}); the gateway is not touched.
 *
 * <p>Checks shared by every stand-in, in this order:
 * <ol>
 *   <li><b>failure switch</b>: a prompt that starts with the configured marker
 *       ({@code kiln.workers.failure-marker}, default {@code kiln:fail}) fails with
 *       {@code generation_failed}, to exercise the failure path (refunds, webhooks) on purpose;</li>
 *   <li>the spec's {@code format}, when given, must be one of the generator's
 *       {@link #contentTypes()} (a video job routed to an image pool fails instead of producing
 *       the wrong kind of file);</li>
 *   <li>each side must be 1..{@link #MAX_SIDE} pixels.</li>
 * </ol>
 */
public abstract class LocalGenerator implements Generator {
    /** Largest side a local generator renders. */
    public static final int MAX_SIDE = 4096;

    private final String failureMarker;

    protected LocalGenerator(String failureMarker) {
        this.failureMarker = failureMarker == null ? "" : failureMarker;
    }

    /** MIME types this generator produces; the first is used when the spec names no format. */
    public abstract List<String> contentTypes();

    /**
     * Produces the output after the shared checks passed.
     *
     * @param format one of {@link #contentTypes()}: the spec's format, or the first one if it has none
     * @param seed   SHA-256 of the prompt ({@link PromptPicture#seed})
     */
    protected abstract GeneratedOutput produce(JobSpec spec, String format, byte[] seed);

    /** The stand-ins read no stored assets: the same as {@link #generate(JobSpec)}. */
    @Override
    public final GeneratedOutput generate(JobSpec spec, String accountId) {
        return generate(spec);
    }

    /** Generates the output described by {@code spec} (after the shared checks). */
    public final GeneratedOutput generate(JobSpec spec) {
        String prompt = spec.prompt() == null ? "" : spec.prompt();
        if (!failureMarker.isEmpty() && prompt.startsWith(failureMarker)) {
            throw failed("The prompt starts with the failure marker '" + failureMarker + "' of the local generator");
        }
        String format = spec.format() == null || spec.format().isBlank()
                ? contentTypes().get(0) : spec.format().trim().toLowerCase(Locale.ROOT);
        if (!contentTypes().contains(format)) {
            throw failed("The local generator of this pool produces " + String.join(", ", contentTypes())
                    + ", not " + spec.format());
        }
        int width = spec.width();
        int height = spec.height();
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw failed("The local generator renders 1.." + MAX_SIDE + " pixels per side, not " + width + "x" + height);
        }
        return produce(spec, format, PromptPicture.seed(prompt));
    }

    /** A {@code generation_failed} error with {@code message}. */
    protected static GenerationException failed(String message) {
        return new GenerationException(ErrorCodes.GENERATION_FAILED, message);
    }
}
