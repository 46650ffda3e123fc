package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.ImageRequest;
import dev.kiln.gateway.domain.JobView;
import dev.kiln.gateway.service.Idempotency;
import dev.kiln.gateway.service.ImageJobService;
import io.smallrye.common.annotation.RunOnVirtualThread;
import dev.kiln.gateway.domain.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
@Tag(name = ApiDocs.TAG_AI_IMAGES)
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
    @Operation(summary = "Create an AI image job",
            description = "Validates and prices the request, reserves its credits with billing and answers with the "
                    + "job (status `pending`). With `Prefer: wait=N` (N ≤ 60 seconds) the answer is held until the "
                    + "job completed or failed, or N seconds passed, and carries `Preference-Applied: wait=N`. "
                    + "With `Idempotency-Key` the job is created at most once per key (24 h).")
    @APIResponse(responseCode = "200", description = "The job: `pending` (or, after a wait, as it stands)",
            headers = {@Header(name = "X-RateLimit-Limit", description = "Requests allowed in the binding window"),
                    @Header(name = "X-RateLimit-Remaining", description = "Requests left in that window"),
                    @Header(name = "X-RateLimit-Reset", description = "Unix second at which the window is full again"),
                    @Header(name = "Preference-Applied", description = "`wait=N` when a wait was applied"),
                    @Header(name = "Idempotent-Replayed", description = "`true` when this is a stored answer")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.IMAGE_JOB)))
    @APIResponse(responseCode = "400", description = ApiDocs.E400, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "402", description = ApiDocs.E402, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "insufficient credits", value = ApiExamples.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDocs.E403, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = ApiDocs.E409, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = ApiDocs.E413, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = ApiDocs.E422, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.E429, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = ApiDocs.E503, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Context SecurityContext security,
                           @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER,
                                   description = "1–255 printable ASCII characters; the job is created at most once per key",
                                   example = "7f1c6d7e-2d4b-4a8e-9a57-0c3f1d2b9e44")
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @Parameter(in = ParameterIn.HEADER, name = PreferWait.PREFER,
                                   description = "`wait=N`: hold the answer up to N seconds (at most 60) for the job to end",
                                   example = "wait=30")
                           @HeaderParam(PreferWait.PREFER) String prefer,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = ImageRequest.class),
                                   examples = @ExampleObject(name = "request", value = ApiExamples.IMAGE_REQUEST))) ImageRequest body) {
        var caller = ApiFilters.caller(security);
        var request = images.prepare(caller, body);
        return submissions.create(caller, idempotencyKey, prefer, PATH, body, wait -> images.submit(caller, request, wait));
    }

    @GET
    @Path("/{uid}")
    @Operation(summary = "Get an AI image job", description = "Another account's job, or a job of another kind, is not found.")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "NotFoundError: no such job of this account", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public JobView get(@Context SecurityContext security, @PathParam("uid") String uid) {
        return images.get(ApiFilters.caller(security), uid);
    }

    /** The caller's jobs, newest first, as a bare array. */
    @GET
    @Operation(summary = "List AI image jobs", description = "The account's jobs, newest first, as a bare JSON array; "
            + "`page` ≥ 1 (default 1), 1 ≤ `limit` ≤ 100 (default 25).")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "ValidationError: bad page or limit", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
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
