package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Quote;
import dev.kiln.gateway.domain.QuoteRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Prices a job without creating it ({@code POST /v1/account/calculate-cost}). It runs the checks of
 * the create endpoint of the requested type in the same order (plan gate, then validation and
 * pricing: {@link JobSubmitter#price} and the key's model allowlist for AI jobs, the template and its
 * properties for template jobs), so a quote refuses exactly what a create would refuse before reaching
 * billing, and names the price a create would carry. No job is made and nothing is sent or charged.
 */
@ApplicationScoped
public class Quotes {
    private final PlanGates planGates;
    private final ImageJobService images;
    private final VideoJobService videos;
    private final TemplateImageService templateImages;
    private final TemplateVideoService templateVideos;

    public Quotes(PlanGates planGates, ImageJobService images, VideoJobService videos,
                  TemplateImageService templateImages, TemplateVideoService templateVideos) {
        this.planGates = planGates;
        this.images = images;
        this.videos = videos;
        this.templateImages = templateImages;
        this.templateVideos = templateVideos;
    }

    public Quote quote(Caller caller, QuoteRequest body) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        JobKind kind = kind(body.type());
        ApiException refusal = planGates.refusal(caller.plan(), Feature.of(kind));
        if (refusal != null) {
            throw refusal;
        }
        return switch (kind) {
            case AI_IMAGE -> Quote.of(images.quote(caller, body.asImageRequest()));
            case AI_VIDEO -> Quote.of(videos.quote(caller, body.asVideoRequest()));
            case TEMPLATE_IMAGE -> templateImages.quote(caller, body.asTemplateImageRequest());
            case TEMPLATE_VIDEO -> templateVideos.quote(caller, body.asTemplateVideoRequest());
        };
    }

    private static JobKind kind(String type) {
        for (JobKind kind : JobKind.values()) {
            if (kind.wire().equals(type)) {
                return kind;
            }
        }
        String allowed = "allowed values: " + Arrays.stream(JobKind.values()).map(JobKind::wire)
                .collect(Collectors.joining(", "));
        throw ApiException.validation(type == null ? "'type' is required; " + allowed
                : "Invalid type '" + type + "'; " + allowed);
    }
}
