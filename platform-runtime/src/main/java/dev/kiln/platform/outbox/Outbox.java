package dev.kiln.platform.outbox;

import dev.kiln.contracts.events.KilnEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;

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
        publishAll(List.of(OutboxMessage.of(topic, key, event)));
    }

    /**
     * Adds messages to the outbox in the current transaction, in one JDBC batch. Ids already in the
     * outbox are skipped, so a retried transaction cannot publish a message twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO kiln_outbox (event_id, topic, message_key, event_type, payload, content_type)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")) {
                for (OutboxMessage message : messages) {
                    insert.setObject(1, message.eventId());
                    insert.setString(2, message.topic());
                    insert.setString(3, message.key());
                    insert.setString(4, message.type());
                    insert.setString(5, message.payload());
                    insert.setString(6, message.contentType());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
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
