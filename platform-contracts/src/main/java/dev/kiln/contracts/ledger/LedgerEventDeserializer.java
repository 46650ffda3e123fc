package dev.kiln.contracts.ledger;

import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer for the ledger topic ({@link LedgerCloudEvents#decode}). */
public class LedgerEventDeserializer implements Deserializer<LedgerEvent> {
    @Override
    public LedgerEvent deserialize(String topic, byte[] data) {
        return data == null ? null : LedgerCloudEvents.decode(data);
    }
}
