package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.domain.TemplateVideoRequest;
import dev.kiln.gateway.domain.TemplateVideoView;
import dev.kiln.gateway.service.Idempotency;
import dev.kiln.gateway.service.TemplateVideoService;
import io.smallrye.common.annotation.RunOnVirtualThread;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

/** Template video jobs (seed 000 "Videos", Automate plan and up): {@code POST/GET /v1/videos}. */
@Path(TemplateVideosResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_VIDEOS)
public class TemplateVideosResource {
    static final String PATH = "/v1/videos";

    private final TemplateVideoService videos;
    private final Submissions submissions;

    public TemplateVideosResource(TemplateVideoService videos, Submissions submissions) {
        this.videos = videos;
        this.submissions = submissions;
    }

    /**
     * Submits a template video; answers 200 {@code pending} once billing reserved its credits, 402 if it
     * did not. Same path as every create: {@code Idempotency-Key}, {@code Prefer: wait=N}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @PlanGated(Feature.TEMPLATE_VIDEO)
    @Operation(summary = "Create a template video",
            description = "Draws a template (slug or UUID) with the given property values over an input video "
                    + "(`input_media_url`, absolute http/https URL) and renders an MP4 of the canvas size, "
                    + "asynchronously; Automate plan and up. Properties work as for `POST /v1/images`: an unknown "
                    + "property name or a value of the wrong type is a 400 ValidationError naming the property. "
                    + "`audio_url` adds background audio that replaces the input's sound (`audio_mode` `replace`, "
                    + "the default) or is mixed with it (`mix`). A signed asset URL of this account's own outputs "
                    + "(e.g. a finished template image) may be given for `input_media_url`, `audio_url` or an "
                    + "`image_url`: the job reads it from storage, even after the URL expired; another account's "
                    + "asset URL is a 400. The job carries a snapshot of the template. Answers with the job (status "
                    + "`pending`) once its credits are reserved; `Prefer: wait=N` (N ≤ 60) holds the answer until "
                    + "the job ended; with `Idempotency-Key` the job is created at most once per key (24 h).")
    @APIResponse(responseCode = "200", description = "The job: `pending` (or, after a wait, as it stands)",
            headers = {@Header(name = "X-RateLimit-Limit", description = "Requests allowed in the binding window"),
                    @Header(name = "X-RateLimit-Remaining", description = "Requests left in that window"),
                    @Header(name = "X-RateLimit-Reset", description = "Unix second at which the window is full again"),
                    @Header(name = "Preference-Applied", description = "`wait=N` when a wait was applied"),
                    @Header(name = "Idempotent-Replayed", description = "`true` when this is a stored answer")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateVideoView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.TEMPLATE_VIDEO_JOB)))
    @APIResponse(responseCode = "400", description = ApiDocs.E400 + "; missing or invalid input_media_url, invalid audio_url or audio_mode, unknown property or a value of the wrong type (the message names the field or property), another account's asset URL", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = {@ExampleObject(name = "missing input", value = ApiExamples.INPUT_MEDIA_REQUIRED), @ExampleObject(name = "unknown property", value = ApiExamples.UNKNOWN_PROPERTY)}))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "402", description = ApiDocs.E402, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "insufficient credits", value = ApiExamples.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDocs.E403_PLAN, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "free plan", value = ApiExamples.VIDEO_PLAN_RESTRICTED)))
    @APIResponse(responseCode = "404", description = ApiDocs.E404_TEMPLATE, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "unknown template", value = ApiExamples.TEMPLATE_NOT_FOUND)))
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
                                   schema = @Schema(implementation = TemplateVideoRequest.class),
                                   examples = @ExampleObject(name = "request", value = ApiExamples.TEMPLATE_VIDEO_REQUEST)))
                           TemplateVideoRequest body) {
        var caller = ApiFilters.caller(security);
        var job = videos.prepare(caller, body);
        return submissions.create(caller, idempotencyKey, prefer, PATH, body, wait -> videos.submit(caller, job, wait));
    }

    @GET
    @Path("/{uid}")
    @Operation(summary = "Get a template video", description = "`video_url` (signed, expiring URL of the MP4) once "
            + "`completed`, `error` once `failed`. Another account's job, or an AI video, is not found.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TemplateVideoView.class),
            examples = @ExampleObject(name = "completed", value = ApiExamples.TEMPLATE_VIDEO_COMPLETED)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "NotFoundError: no such template video of this account", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public TemplateVideoView get(@Context SecurityContext security,
                                 @Parameter(description = "The job id (`vid_…`)", example = "vid_5p7r9t2v4x6z8b2d4f6h8j2k")
                                 @PathParam("uid") String uid) {
        return videos.get(ApiFilters.caller(security), uid);
    }

    @GET
    @Operation(summary = "List template videos", description = "The account's template videos (not AI videos), "
            + "newest first, as a bare JSON array; `page` ≥ 1 (default 1), 1 ≤ `limit` ≤ 100 (default 25).")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateVideoView.class)))
    @APIResponse(responseCode = "400", description = "ValidationError: bad page or limit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public List<TemplateVideoView> list(@Context SecurityContext security,
                                        @Parameter(description = "Page number, ≥ 1 (default 1)") @QueryParam("page") String page,
                                        @Parameter(description = "Items per page, 1–100 (default 25)") @QueryParam("limit") String limit) {
        return videos.list(ApiFilters.caller(security), ImagesResource.intParam("page", page, 1),
                ImagesResource.intParam("limit", limit, 25));
    }
}
