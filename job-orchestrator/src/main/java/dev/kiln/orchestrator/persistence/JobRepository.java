package dev.kiln.orchestrator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

    /** {@code SELECT … FOR UPDATE} of one job. */
    public Optional<JobEntity> lock(String jobId) {
        return findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks up to {@code limit} unfinished jobs whose status has not changed since {@code cutoff}.
     * Rows another transaction holds are skipped ({@code SKIP LOCKED}), so several replicas can
     * sweep at once without waiting on or double-handling each other.
     */
    public List<JobEntity> lockStuck(Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager().createNativeQuery("""
                        SELECT job_id FROM jobs
                        WHERE status IN ('pending', 'processing') AND updated_at < ?1
                        ORDER BY updated_at LIMIT ?2
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit)
                .getResultList();
        return ids.stream().map(this::findById).toList();
    }
}
