package dev.kiln.gateway.config;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Shared, immutable helpers built once at startup. */
public class Beans {

    /** The model catalogue shipped with the contracts (validation and pricing). */
    @Produces
    @Singleton
    ModelCatalogue modelCatalogue() {
        return ModelCatalogue.load();
    }

    /** The plans shipped with the contracts (features, default rate limits). */
    @Produces
    @Singleton
    PlanCatalogue planCatalogue() {
        return PlanCatalogue.load();
    }

    /** Signs output URLs that asset-store verifies with the same key. */
    @Produces
    @Singleton
    AssetUrls assetUrls(AssetsConfig config) {
        return new AssetUrls(config.signingKey());
    }
}
