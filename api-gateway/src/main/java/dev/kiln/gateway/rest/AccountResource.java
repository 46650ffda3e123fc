package dev.kiln.gateway.rest;

import dev.kiln.gateway.service.AccountService;
import dev.kiln.gateway.service.Authenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The caller's own account: {@code /v1/auth}, {@code /v1/account}, {@code /v1/webhooks/default/secret}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final Authenticator authenticator;
    private final AccountService accounts;

    public AccountResource(Authenticator authenticator, AccountService accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    public record AuthResponse(String message) {
    }

    /**
     * @param apiUsage  credits captured by finished jobs
     * @param apiQuota  credits granted
     */
    public record AccountResponse(String id, String name, String plan, long apiUsage, long apiQuota,
                                  long creditsAvailable, long creditsHeld) {
    }

    public record SecretResponse(String key) {
    }

    @GET
    @Path("/auth")
    public AuthResponse auth(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authenticator.authenticate(authorization);
        return new AuthResponse("Authenticated");
    }

    @GET
    @Path("/account")
    public AccountResponse account(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var d = accounts.details(authenticator.authenticate(authorization).accountId());
        return new AccountResponse(d.account().id, d.account().name, d.account().plan, d.used(), d.quota(),
                d.available(), d.held());
    }

    /** The secret that signs this account's webhooks (Standard Webhooks), as Replicate's API returns it. */
    @GET
    @Path("/webhooks/default/secret")
    public SecretResponse webhookSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new SecretResponse(accounts.requireAccount(authenticator.authenticate(authorization).accountId()).webhookSecret);
    }
}
