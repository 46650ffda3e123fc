package dev.kiln.local;

import java.nio.file.Path;

/** The six services of the platform as the local stack runs them. */
public enum KilnService {
    API_GATEWAY("api-gateway", 8080),
    BILLING_SERVICE("billing-service", 8081),
    JOB_ORCHESTRATOR("job-orchestrator", 8082),
    PROVIDER_WORKERS("provider-workers", 8083),
    WEBHOOK_DISPATCHER("webhook-dispatcher", 8084),
    ASSET_STORE("asset-store", 8085);

    private final String id;
    private final int defaultPort;

    KilnService(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
    }

    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The packaged application inside a built checkout. */
    public Path runnerJar(Path root) {
        return root.resolve(id).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
