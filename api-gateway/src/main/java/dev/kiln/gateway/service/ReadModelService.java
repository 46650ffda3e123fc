package dev.kiln.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.gateway.domain.SentValues;
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
        return recordPending(request, keyId, null);
    }

    /**
     * As {@link #recordPending(JobRequested, String)}, also recording what the caller sent for a template
     * job ({@code sent}, null for none), which the job may carry as stored-asset references instead.
     */
    @Transactional
    public JobEntity recordPending(JobRequested request, String keyId, SentValues sent) {
        jobs.upsert(request.jobId(), request.accountId(), JobStatus.PENDING, request.spec(), request.webhookUrl(),
                request.priceCredits(), List.of(), null, null, request.occurredAt(), request.occurredAt());
        if (keyId != null) {
            jobs.assignKey(request.jobId(), keyId);
        }
        if (sent != null) {
            try {
                jobs.assignSentValues(request.jobId(), KilnJson.mapper().writeValueAsString(sent));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
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

    /**
     * Applies the balance a ledger transfer left ({@code data.balance}) if it is newer than the stored
     * one (per-account {@code data.sequence}); older or repeated transfers change nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyLedger(LedgerEvent event) {
        var data = event.data();
        if (data == null || data.balance() == null || data.accountId() == null) {
            LOG.warnf("Ignoring ledger event %s (%s) without account or balance", event.id(), event.type());
            return;
        }
        boolean changed = balances.apply(data.accountId(), data.balance(), data.sequence());
        LOG.debugf("Balance of %s at #%d after %s (%s)", data.accountId(), data.sequence(), event.type(),
                changed ? "applied" : "stale, ignored");
    }
}
