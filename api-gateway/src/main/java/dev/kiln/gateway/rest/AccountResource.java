package dev.kiln.gateway.rest;

import dev.kiln.gateway.service.AccountService;
import io.smallrye.common.annotation.NonBlocking;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The caller's own account: {@code /v1/auth}, {@code /v1/account}, {@code /v1/webhooks/default/secret}. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TAG_ACCOUNT)
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
    @Operation(summary = "Check the API key", description = "Answers `{\"message\": \"Authenticated\"}` for a valid key; 401 otherwise.")
    @NonBlocking
    public AuthResponse auth(@Context SecurityContext security) {
        ApiFilters.caller(security);
        return new AuthResponse("Authenticated");
    }

    @GET
    @Path("/account")
    @Operation(summary = "The calling account", description = "Plan, credits used (`api_usage`), credits granted "
            + "(`api_quota`), available and held credits.")
    public AccountResponse account(@Context SecurityContext security) {
        var d = accounts.details(ApiFilters.caller(security).accountId());
        return new AccountResponse(d.account().id, d.account().name, d.account().plan, d.used(), d.quota(),
                d.available(), d.held());
    }

    /** The secret that signs this account's webhooks (Standard Webhooks), as Replicate's API returns it. */
    @GET
    @Path("/webhooks/default/secret")
    @Operation(summary = "The webhook signing secret", description = "The Standard Webhooks secret that signs this account's callbacks.")
    public SecretResponse webhookSecret(@Context SecurityContext security) {
        return new SecretResponse(accounts.requireAccount(ApiFilters.caller(security).accountId()).webhookSecret);
    }
}
