package dev.kiln.platform.outbox;

import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnJson;

import java.util.Objects;
import java.util.UUID;

/**
 * One record waiting in the outbox.
 *
 * @param topic       the Kafka topic ({@link dev.kiln.contracts.Topics})
 * @param key         the record key (account id or job id, as the topic's catalogue entry says)
 * @param eventId     unique id; writing the same id twice is a no-op
 * @param type        event type, sent as header {@code kiln-event-type}
 * @param payload     the record value (JSON)
 * @param contentType sent as header {@code content-type} when not null (e.g. {@code application/cloudevents+json})
 */
public record OutboxMessage(String topic, String key, UUID eventId, String type, String payload, String contentType) {
    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** A Kiln event in Kiln's JSON. */
    public static OutboxMessage of(String topic, String key, KilnEvent event) {
        return new OutboxMessage(topic, key, event.eventId(), event.type(), KilnJson.encode(event), null);
    }
}
