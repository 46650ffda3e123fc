package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.gateway.domain.VideoJobView;
import dev.kiln.gateway.domain.VideoRequest;
import dev.kiln.gateway.service.Idempotency;
import dev.kiln.gateway.service.VideoJobService;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;

/** AI video jobs: {@code POST/GET /v1/ai/videos}. */
@Path(VideosResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class VideosResource {
    static final String PATH = "/v1/ai/videos";

    private final VideoJobService videos;
    private final Submissions submissions;

    public VideosResource(VideoJobService videos, Submissions submissions) {
        this.videos = videos;
        this.submissions = submissions;
    }

    /**
     * Submits a job; answers 200 {@code pending} once billing reserved its credits, 402 if it did not.
     * With an {@code Idempotency-Key} the job is created at most once (see {@link Idempotency}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @PlanGated(Feature.AI_VIDEO)
    public Response create(@Context SecurityContext security,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey, VideoRequest body) {
        var caller = ApiFilters.caller(security);
        var request = videos.prepare(caller, body);
        return submissions.create(caller, idempotencyKey, PATH, body, () -> videos.submit(request));
    }

    @GET
    @Path("/{uid}")
    public VideoJobView get(@Context SecurityContext security, @PathParam("uid") String uid) {
        return videos.get(ApiFilters.caller(security), uid);
    }

    /** The caller's video jobs, newest first, as a bare array. */
    @GET
    public List<VideoJobView> list(@Context SecurityContext security,
                                   @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return videos.list(ApiFilters.caller(security), ImagesResource.intParam("page", page, 1),
                ImagesResource.intParam("limit", limit, 25));
    }
}
