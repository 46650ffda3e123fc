package dev.kiln.orchestrator.service;

import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.orchestrator.config.RoutingConfig;
import dev.kiln.orchestrator.domain.PoolRouting;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The worker pool of each model, from {@code kiln.routing.pools} and the model catalogue. */
@ApplicationScoped
public class JobRouter {
    private final PoolRouting routing;

    public JobRouter(RoutingConfig config) {
        this.routing = new PoolRouting(config.pools(), ModelCatalogue.load());
    }

    public Optional<String> poolOf(String model) {
        return routing.poolOf(model);
    }
}
