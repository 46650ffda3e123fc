package dev.kiln.webhooks.persistence;

import dev.kiln.webhooks.domain.AttemptResult;
import dev.kiln.webhooks.domain.ClaimedDelivery;
import dev.kiln.webhooks.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code deliveries} and {@code delivery_attempts}. */
@ApplicationScoped
public class DeliveryRepository {
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EntityManager em;

    public DeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Adds a delivery unless one with this id exists.
     *
     * @return true if it was added
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertIfAbsent(String id, String accountId, String jobId, String url, String eventType,
                                  String payload, DeliveryStatus status, String lastError) {
        return sql("""
                        INSERT INTO deliveries (id, account_id, job_id, url, event_type, payload, status, attempts,
                                                next_attempt_at, last_error)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, now(), ?8)
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, accountId)
                .setParameter(3, jobId)
                .setParameter(4, url)
                .setParameter(5, eventType)
                .setParameter(6, payload)
                .setParameter(7, status.name())
                .setParameter(8, truncate(lastError), String.class)
                .executeUpdate() == 1;
    }

    /**
     * Claims up to {@code limit} due deliveries that no other replica holds, and leases them for
     * {@code lease} (their next attempt moves that far ahead, so nobody else picks them meanwhile).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ClaimedDelivery> claimDue(int limit, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT d.id, d.account_id, d.url, d.payload, d.attempts FROM deliveries d
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                        ORDER BY d.next_attempt_at LIMIT ?1
                        FOR UPDATE SKIP LOCKED""")
                .setParameter(1, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add((String) row[0]);
        }
        sql("""
                        UPDATE deliveries SET next_attempt_at = now() + (?1 * interval '1 millisecond')
                        WHERE id IN (?2)""")
                .setParameter(1, lease.toMillis())
                .setParameter(2, ids)
                .executeUpdate();
        List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String accountId = (String) row[1];
            claimed.add(new ClaimedDelivery((String) row[0], accountId, (String) row[2], (String) row[3],
                    ((Number) row[4]).intValue(), secretOf(accountId)));
        }
        return claimed;
    }

    private String secretOf(String accountId) {
        AccountSecret secret = em.find(AccountSecret.class, accountId);
        return secret == null ? null : secret.secret;
    }

    /**
     * Records one attempt of a claimed delivery: delivered on 2xx; otherwise retried after
     * {@code retryDelay}, or failed for good if {@code retryDelay} is null. Does nothing if the
     * lease was lost (another attempt was recorded since the claim).
     *
     * @return true if the attempt was recorded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordAttempt(ClaimedDelivery delivery, AttemptResult result, Duration retryDelay) {
        int attempt = delivery.attempts() + 1;
        String error = truncate(result.error());
        int updated;
        if (result.delivered()) {
            updated = sql("""
                            UPDATE deliveries SET status = 'DELIVERED', attempts = ?1, last_status_code = ?2,
                                   last_error = NULL, delivered_at = now(), next_attempt_at = now()
                            WHERE id = ?3 AND status = 'PENDING' AND attempts = ?4""")
                    .setParameter(1, attempt)
                    .setParameter(2, result.statusCode(), Integer.class)
                    .setParameter(3, delivery.id())
                    .setParameter(4, delivery.attempts())
                    .executeUpdate();
        } else {
            updated = sql("""
                            UPDATE deliveries SET status = ?1, attempts = ?2, last_status_code = ?3, last_error = ?4,
                                   next_attempt_at = now() + (?5 * interval '1 millisecond')
                            WHERE id = ?6 AND status = 'PENDING' AND attempts = ?7""")
                    .setParameter(1, retryDelay == null ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name())
                    .setParameter(2, attempt)
                    .setParameter(3, result.statusCode(), Integer.class)
                    .setParameter(4, error, String.class)
                    .setParameter(5, retryDelay == null ? 0L : retryDelay.toMillis())
                    .setParameter(6, delivery.id())
                    .setParameter(7, delivery.attempts())
                    .executeUpdate();
        }
        if (updated == 0) {
            return false;
        }
        sql("""
                        INSERT INTO delivery_attempts (delivery_id, attempt, started_at, status_code, error)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                .setParameter(1, delivery.id())
                .setParameter(2, attempt)
                .setParameter(3, Timestamp.from(result.startedAt()))
                .setParameter(4, result.statusCode(), Integer.class)
                .setParameter(5, error, String.class)
                .executeUpdate();
        return true;
    }

    /** The deliveries of a job, oldest first. */
    public List<Delivery> findByJob(String jobId) {
        return em.createQuery("SELECT d FROM Delivery d WHERE d.jobId = :jobId ORDER BY d.createdAt, d.id", Delivery.class)
                .setParameter("jobId", jobId)
                .getResultList();
    }

    /** One recorded HTTP attempt. */
    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, Integer statusCode, String error) {
    }

    /** The attempts of a delivery, in order. */
    public List<Attempt> attemptsOf(String deliveryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT attempt, started_at, finished_at, status_code, error FROM delivery_attempts
                        WHERE delivery_id = ?1 ORDER BY attempt""")
                .setParameter(1, deliveryId)
                .getResultList();
        List<Attempt> attempts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            attempts.add(new Attempt(((Number) row[0]).intValue(), toInstant(row[1]), toInstant(row[2]),
                    row[3] == null ? null : ((Number) row[3]).intValue(), (String) row[4]));
        }
        return attempts;
    }

    /** A native query whose parameters can be bound with their type (so nulls bind as the column's type). */
    private NativeQuery<?> sql(String query) {
        return em.createNativeQuery(query).unwrap(NativeQuery.class);
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }
}
