package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ApiExamples;
import dev.kiln.gateway.domain.Quote;
import dev.kiln.gateway.domain.QuoteRequest;
import dev.kiln.gateway.service.AccountService;
import dev.kiln.gateway.service.Quotes;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * The caller's own account: {@code /v1/auth}, {@code /v1/account}, {@code /v1/account/calculate-cost},
 * {@code /v1/webhooks/default/secret}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_ACCOUNT)
public class AccountResource {
    private final AccountService accounts;
    private final Quotes quotes;

    public AccountResource(AccountService accounts, Quotes quotes) {
        this.accounts = accounts;
        this.quotes = quotes;
    }

    public record AuthResponse(String message) {
    }

    /**
     * The account and its credits, from the balance read model fed by billing's ledger (zeros and no
     * period before its first ledger event).
     *
     * @param apiUsage         credits used in the current plan period (captured plus held)
     * @param apiQuota         credits of the current period: {@code api_usage + credits_available}
     * @param creditsAvailable credits that can be held now: {@code credits_posted - credits_pending}
     * @param creditsHeld      same as {@code credits_pending} (kept for existing clients)
     * @param creditsPending   credits held by jobs still running
     * @param creditsPosted    credits the account owns: granted minus captured minus expired
     * @param periodStart      start of the current plan period
     * @param periodEnd        end of the current plan period (exclusive)
     */
    @Schema(name = "Account", description = "The calling account and its credits", example = ApiExamples.ACCOUNT)
    public record AccountResponse(
            @Schema(example = "acc_2m4xkz3c5v6b7n8p9r2s3t4u") String id, String name,
            @Schema(enumeration = {"free", "automate", "scale", "enterprise"}) String plan,
            @Schema(description = "Credits used in the current plan period (captured plus held)") long apiUsage,
            @Schema(description = "Credits of the current plan period: api_usage + credits_available") long apiQuota,
            @Schema(description = "Credits that can be held now: credits_posted - credits_pending") long creditsAvailable,
            @Schema(description = "Same as credits_pending") long creditsHeld,
            @Schema(description = "Credits held by jobs still running") long creditsPending,
            @Schema(description = "Credits the account owns: granted minus captured minus expired") long creditsPosted,
            @Schema(description = "Start of the current plan period; null before billing's first ledger event",
                    nullable = true) Instant periodStart,
            @Schema(description = "End of the current plan period (exclusive); null before billing's first ledger event",
                    nullable = true) Instant periodEnd) {
    }

    public record SecretResponse(String key) {
    }

    /** Authentication happened in {@link ApiFilters}; answering needs nothing else. */
    @GET
    @Path("/auth")
    @Operation(summary = "Check the API key", description = "Answers `{\"message\": \"Authenticated\"}` for a valid key; 401 otherwise.")
    @NonBlocking
    public AuthResponse auth(@Context SecurityContext security) {
        ApiFilters.caller(security);
        return new AuthResponse("Authenticated");
    }

    @GET
    @Path("/account")
    @Operation(summary = "The calling account", description = "Plan and credits, as of billing's latest ledger event: "
            + "used this period (`api_usage`), the period's quota (`api_quota` = used + available), available, pending "
            + "(held by running jobs) and posted credits, and the plan period.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountResponse.class),
                    examples = @ExampleObject(name = "account", value = ApiExamples.ACCOUNT)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public AccountResponse account(@Context SecurityContext security) {
        var d = accounts.details(ApiFilters.caller(security).accountId());
        return new AccountResponse(d.account().id, d.account().name, d.account().plan, d.used(), d.quota(),
                d.available(), d.held(), d.held(), d.posted(), d.periodStart(), d.periodEnd());
    }

    /**
     * What a create of the same request would cost; nothing is created or charged. Checked and priced
     * by the code the create endpoints use ({@link Quotes}).
     */
    @POST
    @Path("/account/calculate-cost")
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @Operation(summary = "Price a job without creating it",
            description = "Body: `type` (`ai_image`, `ai_video`, `template_image` or `template_video`) and the "
                    + "fields of `POST /v1/ai/images`, `POST /v1/ai/videos` (`prompt` optional), `POST /v1/images` "
                    + "or `POST /v1/videos` (`template` required, `input_media_url` optional). Answers the credits a "
                    + "create of the same request would hold and the options it would run with (defaults filled "
                    + "in; for template jobs the canvas size and the template's slug). The request is checked as a "
                    + "create is: an invalid field, option, combination or property is a 400, a template the "
                    + "account does not see a 404, a type the plan does not include or a model outside the key's "
                    + "allowlist a 403. Nothing is created, reserved or charged; the account's balance is not "
                    + "consulted.")
    @APIResponse(responseCode = "200", description = "The price and the resolved options",
            headers = {@Header(name = "X-RateLimit-Limit", description = "Requests allowed in the binding window"),
                    @Header(name = "X-RateLimit-Remaining", description = "Requests left in that window"),
                    @Header(name = "X-RateLimit-Reset", description = "Unix second at which the window is full again")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Quote.class),
                    examples = {@ExampleObject(name = "video", value = ApiExamples.QUOTE),
                            @ExampleObject(name = "image", value = ApiExamples.QUOTE_IMAGE),
                            @ExampleObject(name = "template video", value = ApiExamples.QUOTE_TEMPLATE_VIDEO)}))
    @APIResponse(responseCode = "400", description = "ValidationError: missing or unknown type, invalid field, option, combination or property (the message names it), malformed JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.E401, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.E403, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.E404_TEMPLATE, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = ApiDocs.E413, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.E429, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Quote calculateCost(@Context SecurityContext security,
                               @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                       schema = @Schema(implementation = QuoteRequest.class),
                                       examples = {@ExampleObject(name = "video", value = ApiExamples.QUOTE_REQUEST),
                                               @ExampleObject(name = "image", value = ApiExamples.QUOTE_IMAGE_REQUEST),
                                               @ExampleObject(name = "template video",
                                                       value = ApiExamples.QUOTE_TEMPLATE_VIDEO_REQUEST)}))
                               QuoteRequest body) {
        return quotes.quote(ApiFilters.caller(security), body);
    }

    /** The secret that signs this account's webhooks (Standard Webhooks), as Replicate's API returns it. */
    @GET
    @Path("/webhooks/default/secret")
    @Operation(summary = "The webhook signing secret", description = "The Standard Webhooks secret that signs this account's callbacks.")
    public SecretResponse webhookSecret(@Context SecurityContext security) {
        return new SecretResponse(accounts.requireAccount(ApiFilters.caller(security).accountId()).webhookSecret);
    }
}
