package dev.kiln.gateway.rest;

import dev.kiln.gateway.config.AdminConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.service.AccountService;
import dev.kiln.gateway.service.Authenticator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
public class AdminResource {
    private final AccountService accounts;
    private final byte[] adminToken;

    public AdminResource(AccountService accounts, AdminConfig config) {
        this.accounts = accounts;
        this.adminToken = config.token().getBytes(StandardCharsets.UTF_8);
    }

    /** @param credits initial credits billing grants the account (default 0) */
    public record CreateAccountRequest(String name, String plan, Long credits) {
    }

    public record CreatedAccountResponse(String accountId, String name, String plan, String apiKey, String keyPrefix,
                                         String webhookSecret) {
    }

    public record IssuedKeyResponse(String keyId, String accountId, String apiKey, String keyPrefix,
                                    Instant createdAt) {
    }

    public record KeySummary(String keyId, String keyPrefix, Instant createdAt, Instant revokedAt) {
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

    /** Issues another API key (shown once). */
    @POST
    @Path("/{id}/keys")
    public Response issueKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        requireAdmin(authorization);
        var key = accounts.issueKey(id);
        return Response.status(Response.Status.CREATED).entity(
                new IssuedKeyResponse(key.keyId(), key.accountId(), key.apiKey(), key.keyPrefix(), key.createdAt())).build();
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
