package dev.kiln.contracts.json;

import dev.kiln.contracts.events.KilnEvent;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link KilnEvent}s ({@code value.deserializer} of an incoming channel).
 * A record that is not a Kiln event throws {@link KilnJson.MalformedEventException}; with SmallRye's
 * {@code fail-on-deserialization-failure=false} the record reaches the handler as {@code null}
 * and is skipped.
 */
public class KilnEventDeserializer implements Deserializer<KilnEvent> {
    @Override
    public KilnEvent deserialize(String topic, byte[] data) {
        return data == null ? null : KilnJson.decode(data);
    }
}
