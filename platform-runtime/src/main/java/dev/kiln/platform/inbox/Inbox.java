package dev.kiln.platform.inbox;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Records that {@code consumer} processes {@code eventIds} now, in one statement.
     *
     * @return the ids seen for the first time (the caller processes only these)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> inserted = em.createNativeQuery("""
                        INSERT INTO kiln_inbox (consumer, event_id)
                        SELECT ?1, id FROM unnest(CAST(?2 AS uuid[])) AS ids(id)
                        ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id""")
                .setParameter(1, consumer)
                .setParameter(2, eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        Set<UUID> fresh = new HashSet<>();
        for (Object id : inserted) {
            fresh.add(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString()));
        }
        return fresh;
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
