package dev.kiln.platform.outbox;

import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Writes events in the caller's transaction; they reach Kafka only if that transaction commits
 * (transactional outbox). Publication happens right after commit, and the {@link OutboxRelay}'s
 * sweeper publishes anything a crash left behind, so an event is published at least once and
 * consumers deduplicate by event id.
 */
@ApplicationScoped
public class Outbox {
    private static final Object FLUSH_REGISTERED = new Object();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(EntityManager em, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.em = em;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Adds {@code event} to the outbox in the current transaction. Writing the same event id twice
     * is a no-op, so a retried transaction cannot publish an event twice.
     *
     * @param topic the Kafka topic ({@link dev.kiln.contracts.Topics})
     * @param key   the record key (account id or job id, as the topic's catalogue entry says)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, KilnEvent event) {
        em.createNativeQuery("""
                        INSERT INTO kiln_outbox (event_id, topic, message_key, event_type, payload)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.eventId())
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, event.type())
                .setParameter(5, KilnJson.encode(event))
                .executeUpdate();
        if (transactions.getResource(FLUSH_REGISTERED) == null) {
            transactions.putResource(FLUSH_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.requestFlush();
                    }
                }
            });
        }
    }
}
