package dev.kiln.gateway.rest;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.domain.TemplateImageRequest;
import dev.kiln.gateway.domain.TemplateImageView;
import dev.kiln.gateway.service.Idempotency;
import dev.kiln.gateway.service.TemplateImageService;
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

/** Template image jobs (seed 000 "Images"): {@code POST/GET /v1/images}. */
@Path(TemplateImagesResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_IMAGES)
public class TemplateImagesResource {
    static final String PATH = "/v1/images";

    private final TemplateImageService images;
    private final Submissions submissions;

    public TemplateImagesResource(TemplateImageService images, Submissions submissions) {
        this.images = images;
        this.submissions = submissions;
    }

    /**
     * Submits a template render; answers 200 {@code pending} once billing reserved its credits, 402 if
     * it did not. Same path as AI images: {@code Idempotency-Key}, {@code Prefer: wait=N}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @PlanGated(Feature.TEMPLATE_IMAGE)
    @Operation(summary = "Create a template image",
            description = "Renders a template (slug or UUID) with the given property values to a PNG, "
                    + "asynchronously. Each property names a layer of the template and carries the value of the "
                    + "layer's type: `text` (and optionally `color`) for text and QR code layers, `image_url` "
                    + "(absolute http/https URL) for image layers, `color` (#RGB, #RRGGBB or #RRGGBBAA) for shapes; "
                    + "layers not named keep their defaults. An unknown property name or a value of the wrong type "
                    + "is a 400 ValidationError naming the property. A signed asset URL of this account's own "
                    + "outputs as `image_url` is read from storage, even after it expired; another account's is a 400. "
                    + "The job carries a snapshot of the template, so "
                    + "changing the template later does not change it. Answers with the job (status `pending`) once "
                    + "its credits are reserved; `Prefer: wait=N` (N ≤ 60) holds the answer until the job ended; "
                    + "with `Idempotency-Key` the job is created at most once per key (24 h).")
    @APIResponse(responseCode = "200", description = "The job: `pending` (or, after a wait, as it stands)",
            headers = {@Header(name = "X-RateLimit-Limit", description = "Requests allowed in the binding window"),
                    @Header(name = "X-RateLimit-Remaining", description = "Requests left in that window"),
                    @Header(name = "X-RateLimit-Reset", description = "Unix second at which the window is full again"),
                    @Header(name = "Preference-Applied", description = "`wait=N` when a wait was applied"),
                    @Header(name = "Idempotent-Replayed", description = "`true` when this is a stored answer")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateImageView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.TEMPLATE_IMAGE_JOB)))
    @APIResponse(responseCode = "400", description = ApiDocs.E400 + "; unknown property or a value of the wrong type (the message names the property)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "unknown property", value = ApiExamples.UNKNOWN_PROPERTY)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "402", description = ApiDocs.E402, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "insufficient credits", value = ApiExamples.ERROR)))
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
                                   schema = @Schema(implementation = TemplateImageRequest.class),
                                   examples = @ExampleObject(name = "request", value = ApiExamples.TEMPLATE_IMAGE_REQUEST)))
                           TemplateImageRequest body) {
        var caller = ApiFilters.caller(security);
        var job = images.prepare(caller, body);
        return submissions.create(caller, idempotencyKey, prefer, PATH, body, wait -> images.submit(caller, job, wait));
    }

    @GET
    @Path("/{uid}")
    @Operation(summary = "Get a template image", description = "`image_url` (signed, expiring) once `completed`, "
            + "`error` once `failed`. Another account's job, or an AI image, is not found.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TemplateImageView.class),
            examples = @ExampleObject(name = "completed", value = ApiExamples.TEMPLATE_IMAGE_COMPLETED)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "NotFoundError: no such template image of this account", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public TemplateImageView get(@Context SecurityContext security,
                                 @Parameter(description = "The job id (`img_…`)", example = "img_4n6p8r2s4t6v8x2z4b6d8f2h")
                                 @PathParam("uid") String uid) {
        return images.get(ApiFilters.caller(security), uid);
    }

    @GET
    @Operation(summary = "List template images", description = "The account's template images (not AI images), "
            + "newest first, as a bare JSON array; `page` ≥ 1 (default 1), 1 ≤ `limit` ≤ 100 (default 25).")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateImageView.class)))
    @APIResponse(responseCode = "400", description = "ValidationError: bad page or limit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public List<TemplateImageView> list(@Context SecurityContext security,
                                        @Parameter(description = "Page number, ≥ 1 (default 1)") @QueryParam("page") String page,
                                        @Parameter(description = "Items per page, 1–100 (default 25)") @QueryParam("limit") String limit) {
        return images.list(ApiFilters.caller(security), ImagesResource.intParam("page", page, 1),
                ImagesResource.intParam("limit", limit, 25));
    }
}
