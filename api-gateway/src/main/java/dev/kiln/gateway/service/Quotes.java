package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Quote;
import dev.kiln.gateway.domain.QuoteRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prices a job without creating it ({@code POST /v1/account/calculate-cost}). It runs the checks of
 * the create endpoint of the requested type in the same order (plan gate, then validation and
 * pricing by {@link JobSubmitter#price}, then the key's model allowlist), so a quote refuses exactly
 * what a create would refuse before reaching billing, and names the price a create would carry. No
 * job is made and nothing is sent or charged.
 */
@ApplicationScoped
public class Quotes {
    private final PlanGates planGates;
    private final ImageJobService images;
    private final VideoJobService videos;

    public Quotes(PlanGates planGates, ImageJobService images, VideoJobService videos) {
        this.planGates = planGates;
        this.images = images;
        this.videos = videos;
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
        return Quote.of(switch (kind) {
            case AI_IMAGE -> images.quote(caller, body.asImageRequest());
            case AI_VIDEO -> videos.quote(caller, body.asVideoRequest());
            default -> throw new IllegalStateException("not quotable: " + kind);
        });
    }

    private static JobKind kind(String type) {
        if (JobKind.AI_IMAGE.wire().equals(type)) {
            return JobKind.AI_IMAGE;
        }
        if (JobKind.AI_VIDEO.wire().equals(type)) {
            return JobKind.AI_VIDEO;
        }
        String allowed = "allowed values: " + JobKind.AI_IMAGE.wire() + ", " + JobKind.AI_VIDEO.wire();
        throw ApiException.validation(type == null ? "'type' is required; " + allowed
                : "Invalid type '" + type + "'; " + allowed);
    }
}
