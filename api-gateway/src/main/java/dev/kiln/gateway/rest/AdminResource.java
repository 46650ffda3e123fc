package dev.kiln.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gateway.config.AdminConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.service.AccountService;
import dev.kiln.gateway.service.Authenticator;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/** Operator API ({@code Authorization: Bearer <kiln.admin.token>}): accounts and keys. */
@Path("/admin/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_ADMIN)
public class AdminResource {
    private final AccountService accounts;
    private final byte[] adminToken;
    private final ObjectMapper mapper;

    public AdminResource(AccountService accounts, AdminConfig config, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
        this.adminToken = config.token().getBytes(StandardCharsets.UTF_8);
    }

    /** @param credits initial credits billing grants the account (default 0) */
    public record CreateAccountRequest(String name, String plan, Long credits) {
    }

    public record CreatedAccountResponse(String accountId, String name, String plan, String apiKey, String keyPrefix,
                                         String webhookSecret) {
    }

    /**
     * Optional body of {@code POST /admin/v1/accounts/{id}/keys}.
     *
     * @param models      allowlist of model ids (omitted: every model)
     * @param expiresAt   ISO-8601 instant after which the key is refused
     * @param creditLimit most credits the key's jobs may hold and use together
     */
    public record IssueKeyRequest(String name, List<String> models, Instant expiresAt, Long creditLimit) {
    }

    public record IssuedKeyResponse(String keyId, String accountId, String apiKey, String keyPrefix,
                                    Instant createdAt, String name, List<String> models, Instant expiresAt,
                                    Long creditLimit) {
    }

    public record KeySummary(String keyId, String keyPrefix, Instant createdAt, Instant revokedAt) {
    }

    /** A key as listed: never the key itself, only its display prefix. */
    public record KeyView(String keyId, String keyPrefix, String name, List<String> models, Instant expiresAt,
                          Long creditLimit, long creditsUsed, Instant createdAt, Instant revokedAt) {
    }

    public record ChangePlanRequest(String plan) {
    }

    public record PlanResponse(String accountId, String plan, String previousPlan) {
    }

    /** @param credits credits to add to the account's quota (at least 1) */
    public record GrantRequest(Long credits, String reason) {
    }

    public record GrantResponse(String grantId, String accountId, long credits, String reason, Instant grantedAt) {
    }

    public record BalanceResponse(long quota, long used, long held, long available) {
    }

    public record AccountResponse(String accountId, String name, String plan, Instant createdAt,
                                  BalanceResponse balance, List<KeySummary> keys) {
    }

    /** Opens an account with its first API key (shown once); billing grants {@code credits}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CreateAccountRequest body) {
        requireAdmin(authorization);
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        var opened = accounts.open(body.name(), body.plan(), body.credits());
        return Response.status(Response.Status.CREATED).entity(new CreatedAccountResponse(opened.accountId(),
                opened.name(), opened.plan(), opened.apiKey(), opened.keyPrefix(), opened.webhookSecret())).build();
    }

    /** Issues another API key (shown once), with optional limits. */
    @POST
    @Path("/{id}/keys")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false,
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = IssueKeyRequest.class)))
    public Response issueKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                             String json) throws JsonProcessingException {
        requireAdmin(authorization);
        // the body is optional and older clients send none (nor a JSON content type): read it by hand
        IssueKeyRequest body = json == null || json.isBlank() ? null : mapper.readValue(json, IssueKeyRequest.class);
        var limits = body == null ? AccountService.KeyLimits.NONE
                : new AccountService.KeyLimits(body.name(), body.models(), body.expiresAt(), body.creditLimit());
        var key = accounts.issueKey(id, limits);
        return Response.status(Response.Status.CREATED).entity(new IssuedKeyResponse(key.keyId(), key.accountId(),
                key.apiKey(), key.keyPrefix(), key.createdAt(), key.name(), key.models(), key.expiresAt(),
                key.creditLimit())).build();
    }

    /** The account's keys, oldest first: prefix, limits and credits used, never the key. */
    @GET
    @Path("/{id}/keys")
    public List<KeyView> listKeys(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("id") String id) {
        requireAdmin(authorization);
        return accounts.listKeys(id).stream().map(l -> new KeyView(l.key().id, l.key().prefix, l.key().name,
                l.key().modelList(), l.key().expiresAt, l.key().creditLimit, l.creditsUsed(), l.key().createdAt,
                l.key().revokedAt)).toList();
    }

    /** Revokes a key; it is refused from the next request on. */
    @DELETE
    @Path("/{id}/keys/{keyId}")
    public Response revokeKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("id") String id, @PathParam("keyId") String keyId) {
        requireAdmin(authorization);
        accounts.revokeKey(id, keyId);
        return Response.noContent().build();
    }

    /**
     * Moves the account to another plan; its keys get the new plan's gates and limits at once, and billing
     * learns of it ({@code AccountPlanChanged}, published with the change). The plan it already has: 200,
     * nothing changes or is published.
     */
    @PUT
    @Path("/{id}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanResponse changePlan(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @PathParam("id") String id, ChangePlanRequest body) {
        requireAdmin(authorization);
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        var change = accounts.changePlan(id, body.plan());
        return new PlanResponse(change.accountId(), change.plan(), change.previousPlan());
    }

    /**
     * Grants credits: 202, billing applies the grant asynchronously (the account's {@code api_quota}
     * follows once its ledger entry arrives).
     */
    @POST
    @Path("/{id}/credits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grantCredits(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("id") String id, GrantRequest body) {
        requireAdmin(authorization);
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        var grant = accounts.grantCredits(id, body.credits(), body.reason());
        return Response.accepted(new GrantResponse(grant.grantId(), grant.accountId(), grant.credits(), grant.reason(),
                grant.grantedAt())).build();
    }

    @GET
    @Path("/{id}")
    public AccountResponse get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        requireAdmin(authorization);
        var d = accounts.details(id);
        return new AccountResponse(d.account().id, d.account().name, d.account().plan, d.account().createdAt,
                new BalanceResponse(d.quota(), d.used(), d.held(), d.available()),
                d.keys().stream().map(k -> new KeySummary(k.id, k.prefix, k.createdAt, k.revokedAt)).toList());
    }

    private void requireAdmin(String authorization) {
        String token = Authenticator.bearerToken(authorization);
        if (token == null || !MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.authentication("Invalid or missing admin token");
        }
    }
}
