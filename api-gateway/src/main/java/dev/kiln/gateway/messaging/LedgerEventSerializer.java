package dev.kiln.gateway.messaging;

import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a ledger event back as its structured-mode CloudEvent: the value serializer of the
 * {@code ledger-in} dead-letter queue, so a dead letter carries the same JSON billing sent.
 */
public class LedgerEventSerializer implements Serializer<LedgerEvent> {
    @Override
    public byte[] serialize(String topic, LedgerEvent event) {
        return event == null ? null : LedgerCloudEvents.encode(event);
    }
}
