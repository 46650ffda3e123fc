package dev.kiln.billing.persistence;

import dev.kiln.billing.domain.ReservationDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

/** Table {@code reservation_decisions}: billing's one answer per job request. */
@ApplicationScoped
public class ReservationDecisionRepository {
    private final EntityManager em;

    public ReservationDecisionRepository(EntityManager em) {
        this.em = em;
    }

    public boolean exists(String jobId) {
        return !em.createNativeQuery("SELECT 1 FROM reservation_decisions WHERE job_id = ?1")
                .setParameter(1, jobId).getResultList().isEmpty();
    }

    /**
     * Records the decision for {@code jobId} unless one exists. A concurrent transaction deciding the
     * same job waits on the primary key and then gets false.
     *
     * @return true if this call recorded the decision (the caller then acts on it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String jobId, String accountId, ReservationDecision decision) {
        return em.createNativeQuery("""
                        INSERT INTO reservation_decisions (job_id, account_id, outcome, reason, required, available)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (job_id) DO NOTHING""")
                .setParameter(1, jobId)
                .setParameter(2, accountId)
                .setParameter(3, decision.outcome().name())
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, decision.reason()))
                .setParameter(5, decision.required())
                .setParameter(6, decision.available())
                .executeUpdate() == 1;
    }
}
