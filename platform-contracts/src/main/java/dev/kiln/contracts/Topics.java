package dev.kiln.contracts;

import java.util.List;

/**
 * The topic catalogue: every Kafka topic of the pipeline, once. Names are versioned; a breaking
 * change of an event gets a new topic ({@code .v2}) rather than a changed meaning.
 */
public final class Topics {
    /** Accounts opened by the gateway's admin API. Key: account id. */
    public static final String ACCOUNTS = "kiln.accounts.v1";
    /** Valid requests waiting for a credit reservation. Key: account id. */
    public static final String JOBS_REQUESTED = "kiln.jobs.requested.v1";
    /** Billing's answer to each request: reserved or rejected. Key: job id. */
    public static final String RESERVATIONS = "kiln.billing.reservations.v1";
    /** Worker progress and results. Key: job id. */
    public static final String GENERATION_RESULTS = "kiln.jobs.results.v1";
    /** Every status change of every job. Key: job id. */
    public static final String JOB_STATUS = "kiln.jobs.status.v1";
    /**
     * Every transfer of the credit ledger, for finance and the gateway's balances: CloudEvents 1.0 in
     * structured JSON ({@link dev.kiln.contracts.ledger.LedgerCloudEvents}). Key: account id. (v1 carried
     * Kiln's own event JSON and is no longer written.)
     */
    public static final String LEDGER = "kiln.billing.ledger.v2";

    private static final String DISPATCH_PREFIX = "kiln.jobs.dispatch.";
    private static final String DISPATCH_SUFFIX = ".v1";

    private Topics() {
    }

    /** The topic a worker pool consumes, e.g. {@code kiln.jobs.dispatch.local-gemini-image.v1}. Key: job id. */
    public static String dispatch(String pool) {
        if (pool == null || !pool.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("Invalid pool name: " + pool);
        }
        return DISPATCH_PREFIX + pool + DISPATCH_SUFFIX;
    }

    /**
     * One topic with the services that write and read it.
     *
     * @param name       topic name
     * @param key        what the record key is
     * @param partitions partitions the local stack creates
     * @param producer   the service that writes it
     * @param consumers  the services (or readers) that read it
     */
    public record TopicSpec(String name, String key, int partitions, String producer, List<String> consumers) {
    }

    /** Every fixed topic; dispatch topics are added per configured pool with {@link #dispatch(String)}. */
    public static List<TopicSpec> catalogue() {
        return List.of(
                new TopicSpec(ACCOUNTS, "account id", 3, "api-gateway", List.of("billing-service", "webhook-dispatcher")),
                new TopicSpec(JOBS_REQUESTED, "account id", 6, "api-gateway", List.of("billing-service")),
                new TopicSpec(RESERVATIONS, "job id", 6, "billing-service", List.of("api-gateway", "job-orchestrator")),
                new TopicSpec(GENERATION_RESULTS, "job id", 6, "provider-workers", List.of("job-orchestrator")),
                new TopicSpec(JOB_STATUS, "job id", 6, "job-orchestrator",
                        List.of("api-gateway", "billing-service", "webhook-dispatcher")),
                new TopicSpec(LEDGER, "account id", 6, "billing-service", List.of("api-gateway", "finance")));
    }

    /** The dispatch topic of a pool as a catalogue entry. */
    public static TopicSpec dispatchSpec(String pool, int partitions) {
        return new TopicSpec(dispatch(pool), "job id", partitions, "job-orchestrator", List.of("provider-workers/" + pool));
    }
}
