package dev.kiln.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import dev.kiln.contracts.ledger.PriceSnapshot;
import dev.kiln.contracts.ledger.TransferData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ledger events are CloudEvents 1.0 in structured JSON that a plain JSON reader understands. */
class LedgerCloudEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static LedgerEvent sample() {
        var id = EventIds.of("img_1", "hold.created:plan");
        var data = new TransferData(id, "acc_1", "img_1", "acc_1:plan", "platform:revenue", 4, null, null,
                new PriceSnapshot(4, "gemini-2.5-flash-image", Map.of("image_size", "1K", "aspect_ratio", "1:1"), 1),
                null, new LedgerBalance(9_996, 4, 10_000, 4, NOW.minusSeconds(3600), NOW.plusSeconds(3600)), 2, NOW);
        return new LedgerEvent(id, LedgerEventTypes.HOLD_CREATED, "acc_1", NOW, data);
    }

    @Test
    void roundTripsAndCarriesTheSpecAttributes() throws Exception {
        LedgerEvent event = sample();
        byte[] json = LedgerCloudEvents.encode(event);
        assertThat(LedgerCloudEvents.decode(json)).isEqualTo(event);

        JsonNode plain = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
        assertThat(plain.path("specversion").asText()).isEqualTo("1.0");
        assertThat(plain.path("id").asText()).isEqualTo(event.id().toString());
        assertThat(plain.path("source").asText()).isEqualTo("/kiln/billing-service");
        assertThat(plain.path("type").asText()).isEqualTo("kiln.billing.hold.created");
        assertThat(plain.path("subject").asText()).isEqualTo("acc_1");
        assertThat(plain.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(Instant.parse(plain.path("time").asText())).isEqualTo(NOW);
        JsonNode data = plain.path("data");
        assertThat(data.path("amount").asLong()).isEqualTo(4);
        assertThat(data.path("debit_account").asText()).isEqualTo("acc_1:plan");
        assertThat(data.at("/balance/available").asLong()).isEqualTo(9_996);
        assertThat(data.at("/price/model").asText()).isEqualTo("gemini-2.5-flash-image");
    }

    @Test
    void refusesWhatIsNotALedgerEvent() {
        byte[] other = LedgerCloudEvents.encode(sample()).clone();
        String json = new String(other, StandardCharsets.UTF_8).replace("kiln.billing.hold.created", "com.example.other");
        assertThatThrownBy(() -> LedgerCloudEvents.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerCloudEvents.decode("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }
}
