package dev.kiln.gateway.domain;

import dev.kiln.contracts.catalogue.PlanCatalogue;

import java.security.Principal;

/**
 * The authenticated caller of a {@code /v1} request.
 *
 * @param accountId the account the key belongs to
 * @param plan      the account's plan (gates features, sets the rate limits)
 * @param keyHash   SHA-256 hex of the API key used; rate limits are kept per key
 */
public record Caller(String accountId, PlanCatalogue.Plan plan, String keyHash) implements Principal {

    @Override
    public String getName() {
        return accountId;
    }
}
