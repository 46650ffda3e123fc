package dev.kiln.billing.service;

import dev.kiln.billing.config.BillingConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The scheduled sweeps: void holds past their TTL, close ended plan periods. Safe with several
 * replicas: each sweep takes a transaction-scoped advisory lock, and every row it changes is
 * re-checked under its row lock.
 */
@ApplicationScoped
public class Sweeps {
    private static final Logger LOG = Logger.getLogger(Sweeps.class);

    private final LedgerService ledger;
    private final BillingConfig config;

    public Sweeps(LedgerService ledger, BillingConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    @Scheduled(every = "${kiln.billing.sweep.interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Billing sweep failed; the next one retries");
        }
    }

    /** Runs both sweeps until nothing is due at {@code now}. */
    public void run(Instant now) {
        int batch = config.sweep().batchSize();
        while (ledger.expireHolds(now) >= batch) {
            LOG.debug("More holds to expire");
        }
        while (ledger.closePeriods(now) >= batch) {
            LOG.debug("More periods to close");
        }
    }
}
