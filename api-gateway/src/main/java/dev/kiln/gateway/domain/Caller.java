package dev.kiln.gateway.domain;

import dev.kiln.contracts.catalogue.PlanCatalogue;

import java.security.Principal;
import java.util.List;

/**
 * The authenticated caller of a {@code /v1} request.
 *
 * @param accountId   the account the key belongs to
 * @param plan        the account's plan (gates features, sets the rate limits)
 * @param keyHash     SHA-256 hex of the API key used; rate limits are kept per key
 * @param keyId       id of the API key used ({@code key_…}); per-key spend is counted under it
 * @param models      the key's model allowlist; null = every model
 * @param creditLimit the key's credit cap (credits held + captured by its jobs); null = none
 */
public record Caller(String accountId, PlanCatalogue.Plan plan, String keyHash, String keyId, List<String> models,
                     Long creditLimit) implements Principal {

    /** Whether the key may use {@code model}. */
    public boolean mayUse(String model) {
        return models == null || models.contains(model);
    }

    @Override
    public String getName() {
        return accountId;
    }
}
