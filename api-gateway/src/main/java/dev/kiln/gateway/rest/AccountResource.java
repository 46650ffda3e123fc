package dev.kiln.gateway.rest;

import dev.kiln.gateway.service.AccountService;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The caller's own account: {@code /v1/auth}, {@code /v1/account}, {@code /v1/webhooks/default/secret}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
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

    /** Authentication happened in {@link ApiFilters}; answering needs nothing else. */
    @GET
    @Path("/auth")
    @NonBlocking
    public AuthResponse auth(@Context SecurityContext security) {
        ApiFilters.caller(security);
        return new AuthResponse("Authenticated");
    }

    @GET
    @Path("/account")
    public AccountResponse account(@Context SecurityContext security) {
        var d = accounts.details(ApiFilters.caller(security).accountId());
        return new AccountResponse(d.account().id, d.account().name, d.account().plan, d.used(), d.quota(),
                d.available(), d.held());
    }

    /** The secret that signs this account's webhooks (Standard Webhooks), as Replicate's API returns it. */
    @GET
    @Path("/webhooks/default/secret")
    public SecretResponse webhookSecret(@Context SecurityContext security) {
        return new SecretResponse(accounts.requireAccount(ApiFilters.caller(security).accountId()).webhookSecret);
    }
}
