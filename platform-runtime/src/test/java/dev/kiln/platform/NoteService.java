package dev.kiln.platform;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.platform.inbox.Inbox;
import dev.kiln.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** A state change that emits an event, the way every Kiln service writes one. */
@ApplicationScoped
public class NoteService {
    private final EntityManager em;
    private final Outbox outbox;
    private final Inbox inbox;

    public NoteService(EntityManager em, Outbox outbox, Inbox inbox) {
        this.em = em;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    @Transactional
    public void write(String jobId, boolean failAfterwards) {
        Note note = new Note();
        note.id = jobId;
        note.text = "written";
        em.persist(note);
        outbox.publish(Topics.GENERATION_RESULTS, jobId,
                new GenerationStarted(EventIds.of(jobId, "test"), Instant.now(), jobId, "acc_test", "test", "w"));
        if (failAfterwards) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }

    @Transactional
    public boolean consume(String consumer, UUID eventId) {
        return inbox.firstDelivery(consumer, eventId);
    }

    @Transactional
    public long unpublished() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM kiln_outbox WHERE published_at IS NULL")
                .getSingleResult()).longValue();
    }

    @Transactional
    public java.util.Set<UUID> consumeAll(String consumer, java.util.List<UUID> eventIds) {
        return inbox.firstDeliveries(consumer, eventIds);
    }

    @Transactional
    public void publishRaw(dev.kiln.platform.outbox.OutboxMessage message) {
        outbox.publishAll(java.util.List.of(message, message));
    }
}
