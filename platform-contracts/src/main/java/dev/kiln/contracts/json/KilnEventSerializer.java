package dev.kiln.contracts.json;

import dev.kiln.contracts.events.KilnEvent;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for {@link KilnEvent}s ({@code value.serializer} of an outgoing channel). */
public class KilnEventSerializer implements Serializer<KilnEvent> {
    @Override
    public byte[] serialize(String topic, KilnEvent event) {
        return event == null ? null : KilnJson.encodeBytes(event);
    }
}
