package dev.kiln.billing.rest;

import dev.kiln.billing.service.Reconciliation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Runs the ledger reconciliation on demand. */
@Path("/billing/v1/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final Reconciliation reconciliation;

    public ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** Checks every invariant now: {@code consistent}, violations per invariant, counts. */
    @GET
    public View run() {
        Reconciliation.Report report = reconciliation.run();
        return new View(report.consistent(), report.checkedAt().toString(), report.violations(), report.transfers(),
                report.accounts());
    }

    public record View(boolean consistent, String checkedAt, java.util.Map<String, Long> violations, long transfers,
                       long accounts) {
    }
}
