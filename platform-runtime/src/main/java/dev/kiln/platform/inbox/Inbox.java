package dev.kiln.platform.inbox;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Idempotent consumers: a consumer records each event id in the same transaction as the change the
 * event causes. A redelivered event finds its id and changes nothing; two concurrent deliveries
 * serialise on the primary key and the second one sees the first.
 */
@ApplicationScoped
public class Inbox {
    /** Processed ids are kept this long; Kafka redelivery happens within minutes, not weeks. */
    static final Duration RETENTION = Duration.ofDays(14);

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Records that {@code consumer} processes {@code eventId} now.
     *
     * @return true the first time; false if the event was already processed (the caller must then
     *         do nothing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO kiln_inbox (consumer, event_id) VALUES (?1, ?2)
                        ON CONFLICT (consumer, event_id) DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldEvents() {
        Instant cutoff = Instant.now().minus(RETENTION);
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("DELETE FROM kiln_inbox WHERE processed_at < ?1")
                .setParameter(1, Timestamp.from(cutoff))
                .executeUpdate());
    }
}
