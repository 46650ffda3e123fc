package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.ImageRequest;
import dev.kiln.gateway.domain.JobView;
import dev.kiln.gateway.service.Authenticator;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** AI image jobs: {@code POST/GET /v1/ai/images}. */
@Path("/v1/ai/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private final Authenticator authenticator;
    private final ImageJobService images;

    public ImagesResource(Authenticator authenticator, ImageJobService images) {
        this.authenticator = authenticator;
        this.images = images;
    }

    /** Submits a job; answers 200 {@code pending} once billing reserved its credits, 402 if it did not. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public JobView create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ImageRequest body) {
        return images.submit(authenticator.authenticate(authorization), body);
    }

    @GET
    @Path("/{uid}")
    public JobView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("uid") String uid) {
        return images.get(authenticator.authenticate(authorization), uid);
    }

    /** The caller's jobs, newest first, as a bare array. */
    @GET
    public List<JobView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @QueryParam("page") String page, @QueryParam("limit") String limit) {
        var caller = authenticator.authenticate(authorization);
        return images.list(caller, intParam("page", page, 1), intParam("limit", limit, 25));
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
