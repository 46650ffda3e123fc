package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.LedgerEntryRecorded;
import dev.kiln.gateway.persistence.BalanceRepository;
import dev.kiln.gateway.persistence.JobEntity;
import dev.kiln.gateway.persistence.JobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/** Writes the job and balance read models. */
@ApplicationScoped
public class ReadModelService {
    private static final Logger LOG = Logger.getLogger(ReadModelService.class);

    private final JobRepository jobs;
    private final BalanceRepository balances;

    public ReadModelService(JobRepository jobs, BalanceRepository balances) {
        this.jobs = jobs;
        this.balances = balances;
    }

    /**
     * Records a job whose credits billing just reserved as {@code pending}, so a GET right after
     * the submit finds it. If the orchestrator's status already arrived, the row is left alone.
     */
    @Transactional
    public JobEntity recordPending(JobRequested request, String keyId) {
        jobs.upsert(request.jobId(), request.accountId(), JobStatus.PENDING, request.spec(), request.webhookUrl(),
                request.priceCredits(), List.of(), null, null, request.occurredAt(), request.occurredAt());
        if (keyId != null) {
            jobs.assignKey(request.jobId(), keyId);
        }
        return jobs.findById(request.jobId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyStatus(JobStatusChanged event) {
        if (event.spec() == null || event.status() == null) {
            LOG.warnf("Ignoring job status event %s without status or spec", event.eventId());
            return;
        }
        boolean changed = jobs.upsert(event.jobId(), event.accountId(), event.status(), event.spec(),
                event.webhookUrl(), event.priceCredits(), event.outputs(), event.errorCode(), event.errorMessage(),
                event.createdAt() != null ? event.createdAt() : event.occurredAt(), event.occurredAt());
        LOG.debugf("Job %s -> %s (%s)", event.jobId(), event.status().wire(), changed ? "applied" : "stale, ignored");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyLedger(LedgerEntryRecorded entry) {
        if (entry.balance() == null) {
            LOG.warnf("Ignoring ledger entry %s without balance", entry.eventId());
            return;
        }
        boolean changed = balances.apply(entry.accountId(), entry.balance(), entry.sequence());
        LOG.debugf("Balance of %s at #%d (%s)", entry.accountId(), entry.sequence(), changed ? "applied" : "stale, ignored");
    }
}
