package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.VideoJobView;
import dev.kiln.gateway.domain.VideoRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AI video jobs ({@code vid_…}); submission and reads go through {@link JobSubmitter}. */
@ApplicationScoped
public class VideoJobService {
    public static final String UID_PREFIX = "vid";

    private final JobSubmitter submitter;
    private final JobViews views;

    public VideoJobService(JobSubmitter submitter, JobViews views) {
        this.submitter = submitter;
        this.views = views;
    }

    /** Validates and prices a request (ValidationError naming the field otherwise); nothing is sent yet. */
    public JobRequested prepare(Caller caller, VideoRequest body) {
        requireBody(body);
        return submitter.prepare(caller, JobKind.AI_VIDEO, UID_PREFIX, body.prompt(), body.model(), options(body),
                body.webhookUrl());
    }

    /**
     * Validates and prices a request as {@link #prepare} does, without a job (the prompt may be absent):
     * what a create of {@code body} would cost.
     */
    public ModelCatalogue.Priced quote(Caller caller, VideoRequest body) {
        requireBody(body);
        return submitter.price(caller, JobKind.AI_VIDEO, body.prompt(), body.model(), options(body), body.webhookUrl());
    }

    private static void requireBody(VideoRequest body) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
    }

    /** The request's catalogue options; null values mean "the model's default". */
    private static Map<String, String> options(VideoRequest body) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ModelCatalogue.ASPECT_RATIO, body.aspectRatio());
        options.put(ModelCatalogue.RESOLUTION, body.resolution());
        options.put(ModelCatalogue.DURATION, body.duration());
        return options;
    }

    /** Submits a prepared job; returns it as {@code pending} once credits are reserved. */
    public VideoJobView submit(Caller caller, JobRequested request) {
        return submit(caller, request, Duration.ZERO);
    }

    /** Submits, then holds the answer up to {@code wait} for the job to end (see {@link JobSubmitter}). */
    public VideoJobView submit(Caller caller, JobRequested request, Duration wait) {
        return views.toVideoView(submitter.submit(caller, request, wait), Instant.now());
    }

    public VideoJobView get(Caller caller, String uid) {
        return submitter.find(caller, JobKind.AI_VIDEO, uid)
                .map(job -> views.toVideoView(job, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Video '" + uid + "' not found"));
    }

    public List<VideoJobView> list(Caller caller, int page, int limit) {
        Instant now = Instant.now();
        return submitter.page(caller, JobKind.AI_VIDEO, page, limit).stream()
                .map(job -> views.toVideoView(job, now)).toList();
    }
}
