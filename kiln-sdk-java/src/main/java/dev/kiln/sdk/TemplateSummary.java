package dev.kiln.sdk;

import java.time.Instant;

/**
 * A template as listed by {@code GET /templates}; fields unknown to this SDK version are ignored.
 *
 * @param id              the template's id (a UUID)
 * @param slug            e.g. {@code product-card}; a template image may name its template by slug or id
 * @param canvasWidth     canvas width in pixels
 * @param canvasHeight    canvas height in pixels
 * @param backgroundColor hex colour, e.g. {@code #F4EFE6}
 */
public record TemplateSummary(String id, String name, String slug, int canvasWidth, int canvasHeight,
                              String backgroundColor, Instant createdAt, Instant updatedAt) {
}
