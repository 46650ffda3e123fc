package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.ImageRequest;
import dev.kiln.gateway.domain.JobView;
import dev.kiln.gateway.service.Idempotency;
import dev.kiln.gateway.service.ImageJobService;
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

/** AI image jobs: {@code POST/GET /v1/ai/images}. */
@Path(ImagesResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
    static final String PATH = "/v1/ai/images";

    private final ImageJobService images;
    private final Submissions submissions;

    public ImagesResource(ImageJobService images, Submissions submissions) {
        this.images = images;
        this.submissions = submissions;
    }

    /**
     * Submits a job; answers 200 {@code pending} once billing reserved its credits, 402 if it did not.
     * With an {@code Idempotency-Key} the job is created at most once (see {@link Idempotency}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @PlanGated(Feature.AI_IMAGE)
    public Response create(@Context SecurityContext security,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey, ImageRequest body) {
        var caller = ApiFilters.caller(security);
        var request = images.prepare(caller, body);
        return submissions.create(caller, idempotencyKey, PATH, body, () -> images.submit(request));
    }

    @GET
    @Path("/{uid}")
    public JobView get(@Context SecurityContext security, @PathParam("uid") String uid) {
        return images.get(ApiFilters.caller(security), uid);
    }

    /** The caller's jobs, newest first, as a bare array. */
    @GET
    public List<JobView> list(@Context SecurityContext security,
                              @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return images.list(ApiFilters.caller(security), intParam("page", page, 1), intParam("limit", limit, 25));
    }

    static int intParam(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation("'" + name + "' must be an integer");
        }
    }
}
