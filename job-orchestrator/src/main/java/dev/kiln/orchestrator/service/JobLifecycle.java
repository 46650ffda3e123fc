package dev.kiln.orchestrator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.orchestrator.domain.JobErrors;
import dev.kiln.orchestrator.persistence.JobEntity;
import dev.kiln.orchestrator.persistence.JobRepository;
import dev.kiln.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The life of a job: created and dispatched when billing reserved its credits, then moved forward
 * by worker results or the timeout sweep. Every move is one transaction that updates the row and
 * puts a {@link JobStatusChanged} in the outbox; a move the current status does not allow (a
 * duplicate, a late or out-of-order result) changes nothing.
 */
@ApplicationScoped
@Transactional
public class JobLifecycle {
    private static final Logger LOG = Logger.getLogger(JobLifecycle.class);

    private final JobRepository jobs;
    private final JobRouter router;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public JobLifecycle(JobRepository jobs, JobRouter router, Outbox outbox) {
        this.jobs = jobs;
        this.router = router;
        this.outbox = outbox;
    }

    /** Creates the job of a reservation (once) and dispatches it to its model's pool. */
    public void accept(CreditsReserved reserved) {
        String jobId = reserved.jobId();
        if (jobs.findByIdOptional(jobId).isPresent()) {
            LOG.debugf("Job %s already exists", jobId);
            return;
        }
        JobRequested request = reserved.request();
        JobSpec spec = request.spec();
        Instant now = clock.instant();
        Optional<String> pool = router.poolOf(spec.model());

        JobEntity job = new JobEntity();
        job.jobId = jobId;
        job.accountId = reserved.accountId();
        job.kind = spec.kind() == null ? "unknown" : spec.kind().wire();
        job.model = spec.model();
        job.pool = pool.orElse(null);
        job.status = JobStatus.PENDING;
        job.spec = json(spec);
        job.webhookUrl = request.webhookUrl();
        job.priceCredits = reserved.amount();
        job.createdAt = request.occurredAt() == null ? now : request.occurredAt();
        job.updatedAt = now;
        jobs.persist(job);
        publishStatus(job, spec, List.of(), now);

        if (pool.isEmpty()) {
            LOG.warnf("No worker pool serves model %s; job %s fails", spec.model(), jobId);
            move(job, JobStatus.FAILED, null, JobErrors.UNROUTABLE_MODEL,
                    "No worker pool serves model " + spec.model(), now);
            return;
        }
        outbox.publish(Topics.dispatch(job.pool), jobId, new JobDispatched(EventIds.of(jobId, "dispatched"), now,
                jobId, job.accountId, job.pool, spec));
        LOG.infof("Dispatched job %s (%s) to pool %s", jobId, spec.model(), job.pool);
    }

    /** A worker began the job. */
    public void started(String jobId) {
        transition(jobId, JobStatus.PROCESSING, null, null, null);
    }

    /** A worker stored the job's outputs. */
    public void succeeded(String jobId, List<Asset> outputs) {
        transition(jobId, JobStatus.SUCCEEDED, outputs, null, null);
    }

    /** A worker could not produce the job. */
    public void failed(String jobId, String errorCode, String errorMessage) {
        transition(jobId, JobStatus.FAILED, null, errorCode, errorMessage);
    }

    /**
     * Fails up to {@code limit} jobs that have been pending or processing without a status change
     * since {@code cutoff}; returns how many it failed.
     */
    public int timeOutStuckJobs(Instant cutoff, String message, int limit) {
        List<JobEntity> stuck = jobs.lockStuck(cutoff, limit);
        Instant now = clock.instant();
        for (JobEntity job : stuck) {
            LOG.infof("Job %s timed out in status %s", job.jobId, job.status.wire());
            move(job, JobStatus.FAILED, null, JobErrors.TIMEOUT, message, now);
        }
        return stuck.size();
    }

    private void transition(String jobId, JobStatus next, List<Asset> outputs, String errorCode, String errorMessage) {
        Optional<JobEntity> found = jobs.lock(jobId);
        if (found.isEmpty()) {
            LOG.warnf("Result for unknown job %s (%s) ignored", jobId, next.wire());
            return;
        }
        JobEntity job = found.get();
        if (!job.status.canMoveTo(next)) {
            LOG.debugf("Job %s is %s; %s ignored", jobId, job.status.wire(), next.wire());
            return;
        }
        move(job, next, outputs, errorCode, errorMessage, clock.instant());
    }

    private void move(JobEntity job, JobStatus next, List<Asset> outputs, String errorCode, String errorMessage,
                      Instant now) {
        List<Asset> assets = outputs == null ? List.of() : outputs;
        job.status = next;
        job.updatedAt = now;
        if (next == JobStatus.SUCCEEDED) {
            job.outputs = json(assets);
        }
        if (next == JobStatus.FAILED) {
            job.errorCode = errorCode == null ? "generation_failed" : errorCode;
            job.errorMessage = errorMessage;
        }
        publishStatus(job, readSpec(job), assets, now);
    }

    private void publishStatus(JobEntity job, JobSpec spec, List<Asset> outputs, Instant now) {
        outbox.publish(Topics.JOB_STATUS, job.jobId, new JobStatusChanged(
                EventIds.of(job.jobId, "status:" + job.status.wire()), now, job.jobId, job.accountId, job.status,
                spec, job.webhookUrl, outputs, job.errorCode, job.errorMessage, job.priceCredits, job.createdAt));
    }

    private static JobSpec readSpec(JobEntity job) {
        try {
            return KilnJson.mapper().readValue(job.spec, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored spec of job " + job.jobId + " is not valid JSON", e);
        }
    }

    private static String json(Object value) {
        try {
            return KilnJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + value, e);
        }
    }
}
