package dev.kiln.orchestrator.domain;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.ModelCatalogue;

import java.util.Map;
import java.util.Optional;

/**
 * Chooses the worker pool of a model: a configured override first, else the catalogue's default
 * pool. A model neither knows (or a pool name that cannot be a topic) has no pool.
 */
public final class PoolRouting {
    private final Map<String, String> overrides;
    private final ModelCatalogue catalogue;

    public PoolRouting(Map<String, String> overrides, ModelCatalogue catalogue) {
        this.overrides = Map.copyOf(overrides);
        this.catalogue = catalogue;
    }

    public Optional<String> poolOf(String model) {
        String pool = model == null ? null : overrides.get(model);
        if (pool == null && model != null) {
            pool = catalogue.find(model).map(ModelCatalogue.Model::pool).orElse(null);
        }
        if (pool == null) {
            return Optional.empty();
        }
        try {
            Topics.dispatch(pool);
            return Optional.of(pool);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
