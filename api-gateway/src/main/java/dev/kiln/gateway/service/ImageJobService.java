package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.ImageRequest;
import dev.kiln.gateway.domain.JobView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AI image jobs ({@code img_…}); submission and reads go through {@link JobSubmitter}. */
@ApplicationScoped
public class ImageJobService {
    public static final String UID_PREFIX = "img";

    private final JobSubmitter submitter;
    private final JobViews views;

    public ImageJobService(JobSubmitter submitter, JobViews views) {
        this.submitter = submitter;
        this.views = views;
    }

    /** Validates and prices a request (ValidationError naming the field otherwise); nothing is sent yet. */
    public JobRequested prepare(Caller caller, ImageRequest body) {
        requireBody(body);
        return submitter.prepare(caller, JobKind.AI_IMAGE, UID_PREFIX, body.prompt(), body.model(), options(body),
                body.webhookUrl());
    }

    /**
     * Validates and prices a request as {@link #prepare} does, without a job (the prompt may be absent):
     * what a create of {@code body} would cost.
     */
    public ModelCatalogue.Priced quote(Caller caller, ImageRequest body) {
        requireBody(body);
        return submitter.price(caller, JobKind.AI_IMAGE, body.prompt(), body.model(), options(body), body.webhookUrl());
    }

    private static void requireBody(ImageRequest body) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
    }

    /** The request's catalogue options; null values mean "the model's default". */
    private static Map<String, String> options(ImageRequest body) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ModelCatalogue.IMAGE_SIZE, body.imageSize());
        options.put(ModelCatalogue.ASPECT_RATIO, body.aspectRatio());
        return options;
    }

    /** Submits a prepared job; returns it as {@code pending} once credits are reserved. */
    public JobView submit(Caller caller, JobRequested request) {
        return submit(caller, request, Duration.ZERO);
    }

    /** Submits, then holds the answer up to {@code wait} for the job to end (see {@link JobSubmitter}). */
    public JobView submit(Caller caller, JobRequested request, Duration wait) {
        return views.toView(submitter.submit(caller, request, wait), Instant.now());
    }

    public JobView get(Caller caller, String uid) {
        return submitter.find(caller, JobKind.AI_IMAGE, uid)
                .map(job -> views.toView(job, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Image '" + uid + "' not found"));
    }

    public List<JobView> list(Caller caller, int page, int limit) {
        Instant now = Instant.now();
        return submitter.page(caller, JobKind.AI_IMAGE, page, limit).stream().map(job -> views.toView(job, now)).toList();
    }
}
