package dev.kiln.billing.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;

@ApplicationScoped
public class HoldRepository implements PanacheRepositoryBase<HoldEntity, String> {

    /** The account of a job's hold, read without loading or locking the hold. */
    public Optional<String> accountOf(String jobId) {
        return getEntityManager().createQuery("select h.accountId from HoldEntity h where h.jobId = ?1", String.class)
                .setParameter(1, jobId).getResultStream().findFirst();
    }

    /** {@code SELECT … FOR UPDATE} of a job's hold. */
    public Optional<HoldEntity> lock(String jobId) {
        return findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }
}
