package dev.kiln.platform.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox rows to Kafka in commit order and marks them published.
 *
 * <p>One relay runs per JVM at a time; across replicas a Postgres advisory lock lets only one
 * replica publish at a time, so records of the same key keep their order. Rows stay unpublished
 * until Kafka acknowledged them; a crash between send and mark means the row is sent again, which
 * consumers absorb through the event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: the relay of one schema's outbox ("kiln_outbox" hashed per schema). */
    private static final String LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.kiln_outbox'))";
    public static final String HEADER_EVENT_TYPE = "kiln-event-type";
    public static final String HEADER_EVENT_ID = "kiln-event-id";
    /** Content type of the value when it is not Kiln's event JSON (CloudEvents Kafka binding, structured mode). */
    public static final String HEADER_CONTENT_TYPE = "content-type";

    private final EntityManager em;
    private final Emitter<String> emitter;
    private final ManagedExecutor executor;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxRelay(EntityManager em,
                       @Channel("kiln-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                       ManagedExecutor executor, OutboxConfig config) {
        this.em = em;
        this.emitter = emitter;
        this.executor = executor;
        this.config = config;
    }

    /** Asks for a flush soon; cheap to call often (coalesced). */
    public void requestFlush() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    @Scheduled(every = "${kiln.outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        requestFlush();
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deletePublished() {
        Instant cutoff = Instant.now().minus(config.retention());
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("DELETE FROM kiln_outbox WHERE published_at IS NOT NULL AND published_at < ?1")
                .setParameter(1, Timestamp.from(cutoff))
                .executeUpdate());
    }

    private void drain() {
        try {
            while (pending.getAndSet(false)) {
                int published;
                do {
                    published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                } while (published == config.batchSize());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Outbox relay failed; unpublished rows are retried by the sweeper");
        } finally {
            running.set(false);
        }
        if (pending.get() && running.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Publishes one batch inside the current transaction; returns how many rows were published. */
    int publishBatch() {
        Boolean locked = (Boolean) em.createNativeQuery(LOCK_SQL).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0; // another replica is relaying; the sweeper comes back
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT seq, event_id, topic, message_key, event_type, payload, content_type FROM kiln_outbox
                        WHERE published_at IS NULL ORDER BY seq LIMIT ?1""")
                .setParameter(1, config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        List<Long> seqs = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            seqs.add(((Number) row[0]).longValue());
            acks.add(send((UUID) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5], (String) row[6]));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        em.createNativeQuery("UPDATE kiln_outbox SET published_at = now() WHERE seq IN (?1)")
                .setParameter(1, seqs)
                .executeUpdate();
        return rows.size();
    }

    private CompletableFuture<Void> send(UUID eventId, String topic, String key, String type, String payload,
                                         String contentType) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            headers.add(HEADER_CONTENT_TYPE, contentType.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        emitter.send(Message.of(payload, Metadata.of(metadata),
                () -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
