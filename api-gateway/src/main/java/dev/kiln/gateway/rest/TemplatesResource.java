package dev.kiln.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.domain.TemplateDetail;
import dev.kiln.gateway.domain.TemplateRequest;
import dev.kiln.gateway.domain.TemplateSummary;
import dev.kiln.gateway.service.TemplateService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.List;

/**
 * Templates: {@code GET /v1/templates} and {@code GET /v1/templates/{id}} as in seed 000, plus
 * create, replace and delete of the account's own templates. Reads and writes are open to every plan.
 */
@Path(TemplatesResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_TEMPLATES)
public class TemplatesResource {
    static final String PATH = "/v1/templates";
    private static final String ID_DESCRIPTION = "The template's UUID (`id` in the list, `uid` in the detail); "
            + "a slug is not accepted here";

    private final TemplateService templates;

    public TemplatesResource(TemplateService templates) {
        this.templates = templates;
    }

    @GET
    @Operation(summary = "List templates", description = "The built-in starter templates (first, by slug) and the "
            + "account's own (newest first), as a bare JSON array; `page` ≥ 1 (default 1), 1 ≤ `limit` ≤ 100 "
            + "(default 25).")
    @APIResponse(responseCode = "200", description = "A page of templates", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateSummary.class),
            examples = @ExampleObject(name = "templates", value = ApiExamples.TEMPLATE_LIST)))
    @APIResponse(responseCode = "400", description = "ValidationError: bad page or limit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.E429, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public List<TemplateSummary> list(@Context SecurityContext security,
                                      @Parameter(description = "Page number, ≥ 1 (default 1)", example = "1")
                                      @QueryParam("page") String page,
                                      @Parameter(description = "Items per page, 1–100 (default 25)", example = "25")
                                      @QueryParam("limit") String limit) {
        return templates.list(ApiFilters.caller(security), ImagesResource.intParam("page", page, 1),
                ImagesResource.intParam("limit", limit, 25));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a template", description = "The template with its `available_properties` (one per "
            + "layer: name, type `text` | `image` | `color`, and the layer's defaults) and its whole document "
            + "(`canvas`, `layers`). Requires the UUID: a slug, another account's template or an unknown id is "
            + "404 NotFoundError.")
    @APIResponse(responseCode = "200", description = "The template", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateDetail.class),
            examples = @ExampleObject(name = "product-card", value = ApiExamples.TEMPLATE)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.E404_TEMPLATE, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "not found", value = ApiExamples.TEMPLATE_NOT_FOUND)))
    public TemplateDetail get(@Context SecurityContext security,
                              @Parameter(description = ID_DESCRIPTION, example = "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2")
                              @PathParam("id") String id) {
        return templates.get(ApiFilters.caller(security), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template", description = "Creates one of the account's templates from a canvas "
            + "(1–4096 pixels a side, hex background colour, optional transparency) and named layers (`text`, "
            + "`image`, `shape`, `qr_code`). Every invalid field is a 400 ValidationError naming it (e.g. "
            + "`layers[2].font_size`); fields a layer type does not have are refused. The slug must be unused among "
            + "the account's templates and differ from the built-ins' (409 ConflictError).")
    @APIResponse(responseCode = "201", description = "The new template (as `GET /v1/templates/{id}` shows it); "
            + "`Location` names it", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TemplateDetail.class)))
    @APIResponse(responseCode = "400", description = "ValidationError: invalid field (the message names it) or malformed JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ConflictError: the slug is taken", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = ApiDocs.E413, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.E429, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Context SecurityContext security,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = TemplateRequest.class),
                                   examples = @ExampleObject(name = "template", value = ApiExamples.TEMPLATE_REQUEST)))
                           JsonNode body) {
        TemplateDetail created = templates.create(ApiFilters.caller(security), body);
        return Response.created(URI.create(PATH + "/" + created.uid())).entity(created)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a template", description = "Replaces one of the account's templates (name, slug, "
            + "canvas, layers; same body and rules as the create). Jobs submitted earlier keep the template as it "
            + "was. Built-in templates are read-only (403 ForbiddenError).")
    @APIResponse(responseCode = "200", description = "The template as it is now", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TemplateDetail.class)))
    @APIResponse(responseCode = "400", description = "ValidationError: invalid field (the message names it) or malformed JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ForbiddenError: a built-in template", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "built-in", value = ApiExamples.BUILT_IN_READ_ONLY)))
    @APIResponse(responseCode = "404", description = ApiDocs.E404_TEMPLATE, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ConflictError: the new slug is taken", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = ApiDocs.E413, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.E429, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public TemplateDetail update(@Context SecurityContext security,
                                 @Parameter(description = ID_DESCRIPTION) @PathParam("id") String id,
                                 @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(implementation = TemplateRequest.class),
                                         examples = @ExampleObject(name = "template", value = ApiExamples.TEMPLATE_REQUEST)))
                                 JsonNode body) {
        return templates.update(ApiFilters.caller(security), id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a template", description = "Deletes one of the account's templates; jobs submitted "
            + "earlier keep the template as it was. Built-in templates are read-only (403 ForbiddenError).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ForbiddenError: a built-in template", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class), examples = @ExampleObject(name = "built-in", value = ApiExamples.BUILT_IN_READ_ONLY)))
    @APIResponse(responseCode = "404", description = ApiDocs.E404_TEMPLATE, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response delete(@Context SecurityContext security,
                           @Parameter(description = ID_DESCRIPTION) @PathParam("id") String id) {
        templates.delete(ApiFilters.caller(security), id);
        return Response.noContent().build();
    }
}
