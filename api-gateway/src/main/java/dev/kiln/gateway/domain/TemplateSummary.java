package dev.kiln.gateway.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A template in {@code GET /v1/templates} (seed 000 fields, plus {@code built_in}). */
@Schema(name = "TemplateSummary", description = "A template as listed")
public record TemplateSummary(
        @Schema(description = "Template id (UUID)", example = "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2") UUID id,
        @Schema(example = "Product card") String name,
        @Schema(example = "product-card") String slug,
        @Schema(description = "Canvas width in pixels", example = "1080") int canvasWidth,
        @Schema(description = "Canvas height in pixels", example = "1080") int canvasHeight,
        @Schema(description = "Hex colour", example = "#F4EFE6") String backgroundColor,
        @Schema(description = "A built-in starter template (read-only, visible to every account)") boolean builtIn,
        Instant createdAt, Instant updatedAt) {
}
