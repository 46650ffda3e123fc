package dev.kiln.contracts.events;

import dev.kiln.contracts.template.TemplateRender;

import java.util.Map;

/**
 * What to produce, fixed at submit time (a snapshot: later catalogue changes do not alter it).
 *
 * @param kind     what kind of output
 * @param model    catalogue model id, e.g. {@code gemini-2.5-flash-image}
 * @param prompt   the user's prompt
 * @param options  the request options as the caller gave them after defaults were applied, e.g.
 *                 {@code aspect_ratio=1:1, image_size=1K}
 * @param width    output width in pixels
 * @param height   output height in pixels
 * @param format   output content type, e.g. {@code image/png}
 * @param render   template jobs only: the template snapshot and the request's property values; null otherwise
 */
public record JobSpec(JobKind kind, String model, String prompt, Map<String, String> options,
                      int width, int height, String format, TemplateRender render) {
    public JobSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** An AI job (no template). */
    public JobSpec(JobKind kind, String model, String prompt, Map<String, String> options, int width, int height,
                   String format) {
        this(kind, model, prompt, options, width, height, format, null);
    }
}
