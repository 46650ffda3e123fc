package dev.kiln.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiln.contracts.events.KilnEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of events: JSON, snake_case property names, ISO-8601 instants, unknown
 * properties ignored (so a newer producer may add fields without breaking older consumers).
 */
public final class KilnJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private KilnJson() {
    }

    /** Applies Kiln's event settings to a mapper (used for the shared one, and by tests). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** The shared, thread-safe mapper for events. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(KilnEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + event, e);
        }
    }

    public static byte[] encodeBytes(KilnEvent event) {
        return encode(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one event; throws {@link MalformedEventException} if the bytes are not a Kiln event. */
    public static KilnEvent decode(byte[] json) {
        try {
            return MAPPER.readValue(json, KilnEvent.class);
        } catch (IOException e) {
            throw new MalformedEventException(e);
        }
    }

    public static KilnEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes on a topic that are not a valid Kiln event. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(IOException cause) {
            super("Malformed Kiln event: " + cause.getMessage(), cause);
        }
    }
}
