package dev.kiln.contracts.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.json.KilnJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Encodes and decodes ledger events as CloudEvents 1.0 in structured JSON mode (the Kafka record
 * value is the whole event; its {@code content-type} header is {@link #CONTENT_TYPE}), with the
 * official CloudEvents SDK. {@code data} is {@link TransferData} in snake_case JSON.
 */
public final class LedgerCloudEvents {
    /** Content type of a structured-mode CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** The CloudEvent {@code source} of every ledger event. */
    public static final URI SOURCE = URI.create("/kiln/billing-service");
    /** {@code datacontenttype} of the {@code data}. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    private static final EventFormat FORMAT = new JsonFormat();

    private LedgerCloudEvents() {
    }

    /** The structured-mode JSON of one ledger event. */
    public static byte[] encode(LedgerEvent event) {
        byte[] data;
        try {
            data = KilnJson.mapper().writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode ledger event " + event.id(), e);
        }
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(SOURCE)
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withData(DATA_CONTENT_TYPE, data)
                .build();
        return FORMAT.serialize(cloudEvent);
    }

    /** Reads a structured-mode ledger CloudEvent; fails on anything else. */
    public static LedgerEvent decode(byte[] json) {
        CloudEvent cloudEvent = FORMAT.deserialize(json);
        if (!LedgerEventTypes.ALL.contains(cloudEvent.getType())) {
            throw new IllegalArgumentException("Not a ledger event type: " + cloudEvent.getType());
        }
        if (cloudEvent.getData() == null) {
            throw new IllegalArgumentException("Ledger event " + cloudEvent.getId() + " has no data");
        }
        try {
            TransferData data = KilnJson.mapper().readValue(cloudEvent.getData().toBytes(), TransferData.class);
            Instant time = cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant();
            return new LedgerEvent(UUID.fromString(cloudEvent.getId()), cloudEvent.getType(), cloudEvent.getSubject(),
                    time, data);
        } catch (IOException e) {
            throw new IllegalArgumentException("Bad data in ledger event " + cloudEvent.getId(), e);
        }
    }
}
