package dev.kiln.contracts;

import dev.kiln.contracts.events.*;
import dev.kiln.contracts.json.KilnJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123Z");
    static final JobSpec SPEC = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a cat",
            Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");

    static List<KilnEvent> samples() {
        JobRequested req = new JobRequested(EventIds.of("img_1", "requested"), NOW, "img_1", "acc_1", SPEC, 4,
                "https://example.com/hook", NOW.plusSeconds(10));
        Balance bal = new Balance(100, 4, 4, 92);
        return List.of(
                new AccountOpened(UUID.randomUUID(), NOW, null, "acc_1", "Demo", "scale", 10_000, "whsec_abc"),
                req,
                new CreditsReserved(EventIds.of("img_1", "reserved"), NOW, "img_1", "acc_1", 4, bal, req),
                new ReservationRejected(EventIds.of("img_1", "rejected"), NOW, "img_1", "acc_1",
                        ReservationRejected.INSUFFICIENT_CREDITS, 4, 1),
                new JobDispatched(EventIds.of("img_1", "dispatched"), NOW, "img_1", "acc_1", "local-gemini-image", SPEC),
                new GenerationStarted(EventIds.of("img_1", "started"), NOW, "img_1", "acc_1", "local-gemini-image", "w1"),
                new GenerationSucceeded(EventIds.of("img_1", "succeeded"), NOW, "img_1", "acc_1", "local-gemini-image",
                        List.of(new Asset("acc_1/img_1/0.png", "image/png", 1234, 1024, 1024))),
                new GenerationFailed(EventIds.of("img_1", "failed"), NOW, "img_1", "acc_1", "local-gemini-image",
                        "generation_failed", "boom"),
                new JobStatusChanged(EventIds.of("img_1", "status:succeeded"), NOW, "img_1", "acc_1",
                        JobStatus.SUCCEEDED, SPEC, null, List.of(new Asset("k", "image/png", 1, 2, 3)), null, null, 4, NOW),
                new AccountPlanChanged(EventIds.of("chg_1", "plan_changed"), NOW, null, "acc_1", "enterprise", "scale",
                        50_000),
                new CreditsGranted(EventIds.of("grant_1", "granted"), NOW, null, "acc_1", 500, "support goodwill",
                        "grant_1"));
    }

    @Test
    void everyEventRoundTripsThroughJson() {
        for (KilnEvent event : samples()) {
            String json = KilnJson.encode(event);
            assertThat(json).contains("\"type\":\"" + event.type() + "\"").contains("\"event_id\"");
            assertThat(KilnJson.decode(json)).isEqualTo(event);
        }
    }

    @Test
    void wireNamesAreSnakeCaseAndEnumsLowerCase() {
        String json = KilnJson.encode(samples().get(8));
        assertThat(json).contains("\"status\":\"succeeded\"", "\"kind\":\"ai_image\"", "\"object_key\"",
                "\"occurred_at\":\"2026-01-02T03:04:05.123Z\"", "\"price_credits\":4");
    }

    @Test
    void unknownPropertiesAreIgnoredButGarbageIsRejected() {
        String json = KilnJson.encode(samples().get(5)).replace("{", "{\"added_later\":1,");
        assertThat(KilnJson.decode(json)).isEqualTo(samples().get(5));
        assertThatThrownBy(() -> KilnJson.decode("not json")).isInstanceOf(KilnJson.MalformedEventException.class);
        assertThatThrownBy(() -> KilnJson.decode("{\"type\":\"nope\"}")).isInstanceOf(KilnJson.MalformedEventException.class);
    }

    @Test
    void aTemplateJobCarriesItsTemplateSnapshotWithTypedLayers() {
        var template = new dev.kiln.contracts.template.TemplateDocument("6f1c…", "product-card", "Product card",
                new dev.kiln.contracts.template.TemplateDocument.Canvas(1080, 1080, "#FFFFFF", false), List.of(
                new dev.kiln.contracts.template.Layer.Shape("background", 0, 0, 1080, 1080, "rectangle", "#F4F4F4", null,
                        0, 0),
                new dev.kiln.contracts.template.Layer.Image("photo", 90, 90, 900, 600, "https://example.com/p.jpg",
                        "cover", 24),
                new dev.kiln.contracts.template.Layer.Text("title", 90, 720, 900, 140, "Title", "Noto Sans KR", 64, 700,
                        "#111111", "left", "top", 1.2, true, 28),
                new dev.kiln.contracts.template.Layer.QrCode("link", 860, 860, 160, 160, "https://kiln.dev", "#000000",
                        "#FFFFFF")));
        var render = new dev.kiln.contracts.template.TemplateRender(template, List.of(
                new dev.kiln.contracts.template.PropertyValue("title", "안녕하세요", null, "#FF6B6B")), false, null, null);
        JobSpec spec = new JobSpec(JobKind.TEMPLATE_IMAGE, "template-image", null, Map.of(), 1080, 1080, "image/png",
                render);
        JobRequested request = new JobRequested(EventIds.of("img_t", "requested"), NOW, "img_t", "acc_1", spec, 1, null,
                NOW.plusSeconds(10));
        String json = KilnJson.encode(request);
        assertThat(json).contains("\"type\":\"qr_code\"", "\"type\":\"text\"", "\"font_size\":64");
        assertThat(KilnJson.decode(json)).isEqualTo(request);
        assertThat(KilnJson.encode(samples().get(1))).doesNotContain("render");
    }

    @Test
    void eventIdsAreDeterministicPerSubjectAndPhase() {
        assertThat(EventIds.of("img_1", "reserved")).isEqualTo(EventIds.of("img_1", "reserved"));
        assertThat(EventIds.of("img_1", "reserved")).isNotEqualTo(EventIds.of("img_1", "captured"));
        assertThat(EventIds.of("img_1", "reserved")).isNotEqualTo(EventIds.of("img_2", "reserved"));
    }

    @Test
    void statusesOnlyMoveForward() {
        assertThat(JobStatus.PENDING.canMoveTo(JobStatus.PROCESSING)).isTrue();
        assertThat(JobStatus.PROCESSING.canMoveTo(JobStatus.SUCCEEDED)).isTrue();
        assertThat(JobStatus.PENDING.canMoveTo(JobStatus.FAILED)).isTrue();
        assertThat(JobStatus.PROCESSING.canMoveTo(JobStatus.PENDING)).isFalse();
        assertThat(JobStatus.SUCCEEDED.canMoveTo(JobStatus.FAILED)).isFalse();
        assertThat(JobStatus.FAILED.canMoveTo(JobStatus.SUCCEEDED)).isFalse();
    }

    @Test
    void topicNamesAreVersioned() {
        assertThat(Topics.catalogue()).allSatisfy(t -> assertThat(t.name()).matches("kiln\\.[a-z.]+\\.v\\d+"));
        assertThat(Topics.dispatch("local-gemini-image")).isEqualTo("kiln.jobs.dispatch.local-gemini-image.v1");
        assertThatThrownBy(() -> Topics.dispatch("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
