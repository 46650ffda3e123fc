package dev.kiln.orchestrator;

import dev.kiln.contracts.events.Balance;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.template.BuiltinTemplates;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateRender;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: reservations as billing would publish them. */
final class Jobs {
    static final String ACCOUNT = "acct-orchestrator-test";
    static final long PRICE = 4;

    private Jobs() {
    }

    static String newJob() {
        return "img_" + UUID.randomUUID().toString().replace("-", "");
    }

    static JobSpec spec(String model) {
        return new JobSpec(JobKind.AI_IMAGE, model, "a kiln at dusk", Map.of("aspect_ratio", "1:1", "image_size", "1K"),
                1024, 1024, "image/png");
    }

    /** A template image job as the gateway submits it: model {@code template-image} and the template snapshot. */
    static JobSpec templateSpec() {
        TemplateRender render = new TemplateRender(BuiltinTemplates.get("product-card"),
                List.of(new PropertyValue("title", "Hello", null, null)), false, null, null);
        return new JobSpec(JobKind.TEMPLATE_IMAGE, "template-image", null, Map.of("format", "image/png"),
                1080, 1080, "image/png", render);
    }

    static JobSpec templateVideoSpec() {
        TemplateRender render = new TemplateRender(BuiltinTemplates.get("story-promo"),
                List.of(new PropertyValue("title", "Spring Sale", null, null)), false,
                "https://media.example.test/clip.mp4", "https://media.example.test/bgm.mp3");
        return new JobSpec(JobKind.TEMPLATE_VIDEO, "template-video", null, Map.of("audio_mode", "mix"),
                1080, 1920, "video/mp4", render);
    }

    static CreditsReserved reserved(String job, String model) {
        return reserved(job, spec(model));
    }

    static CreditsReserved reserved(String job, JobSpec spec) {
        Instant submitted = Instant.parse("2025-01-01T00:00:00Z");
        JobRequested request = new JobRequested(UUID.randomUUID(), submitted, job, ACCOUNT, spec, PRICE,
                "https://example.test/hook", submitted.plusSeconds(60));
        return new CreditsReserved(EventIds.of(job, "reserved"), Instant.now(), job, ACCOUNT, PRICE,
                new Balance(100, 0, PRICE, 100 - PRICE), request);
    }
}
