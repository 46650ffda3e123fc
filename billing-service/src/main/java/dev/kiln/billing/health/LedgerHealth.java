package dev.kiln.billing.health;

import dev.kiln.billing.service.Reconciliation;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code GET /q/health/group/ledger}: DOWN when the last reconciliation found a violated invariant.
 * A health group of its own, not readiness: an inconsistent ledger needs a person, not a restart.
 * The scheduled run refreshes it; {@code GET /billing/v1/reconciliation} runs it on demand.
 */
@HealthGroup("ledger")
@ApplicationScoped
public class LedgerHealth implements HealthCheck {
    private final Reconciliation reconciliation;

    public LedgerHealth(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public HealthCheckResponse call() {
        Reconciliation.Report report = reconciliation.last();
        if (report == null) {
            report = reconciliation.run();
        }
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("ledger-reconciliation")
                .status(report.consistent())
                .withData("checked_at", report.checkedAt().toString())
                .withData("transfers", report.transfers());
        report.violations().forEach(builder::withData);
        return builder.build();
    }
}
