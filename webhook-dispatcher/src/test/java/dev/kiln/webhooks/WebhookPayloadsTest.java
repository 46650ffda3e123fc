package dev.kiln.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.webhooks.config.AssetsConfig;
import dev.kiln.webhooks.config.WebhooksConfig;
import dev.kiln.webhooks.service.WebhookPayloads;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook body speaks the native API's dialect: {@code completed}, and the output URL named per kind. */
class WebhookPayloadsTest {
    private final WebhookPayloads payloads = new WebhookPayloads(config(AssetsConfig.class, Map.of(
            "signingKey", "0123456789abcdef0123", "baseUrl", "http://assets.test")),
            config(WebhooksConfig.class, Map.of("assetUrlTtl", Duration.ofHours(1))));

    @Test
    void completedImageCarriesImageUrl() throws Exception {
        JsonNode body = body(JobKind.AI_IMAGE, JobStatus.SUCCEEDED, Map.of("aspect_ratio", "1:1", "image_size", "1K"));
        assertThat(body.path("type").asText()).isEqualTo("job.completed");
        assertThat(body.at("/data/status").asText()).isEqualTo("completed");
        assertThat(body.at("/data/image_url").asText()).startsWith("http://assets.test/");
        assertThat(body.at("/data/image_size").asText()).isEqualTo("1K");
        assertThat(body.path("data").has("video_url")).isFalse();
    }

    @Test
    void completedVideoCarriesVideoUrlResolutionAndDuration() throws Exception {
        JsonNode body = body(JobKind.AI_VIDEO, JobStatus.SUCCEEDED,
                Map.of("aspect_ratio", "16:9", "resolution", "768p", "duration", "6s"));
        assertThat(body.path("type").asText()).isEqualTo("job.completed");
        assertThat(body.at("/data/video_url").asText()).startsWith("http://assets.test/");
        assertThat(body.at("/data/resolution").asText()).isEqualTo("768p");
        assertThat(body.at("/data/duration").asText()).isEqualTo("6s");
        assertThat(body.path("data").has("image_url")).isFalse();
    }

    @Test
    void failedJobCarriesErrorAndNoUrl() throws Exception {
        JsonNode body = body(JobKind.AI_IMAGE, JobStatus.FAILED, Map.of());
        assertThat(body.path("type").asText()).isEqualTo("job.failed");
        assertThat(body.at("/data/status").asText()).isEqualTo("failed");
        assertThat(body.at("/data/error/code").asText()).isEqualTo("generation_failed");
        assertThat(body.path("data").has("image_url")).isFalse();
    }

    private JsonNode body(JobKind kind, JobStatus status, Map<String, String> options) throws Exception {
        boolean ok = status == JobStatus.SUCCEEDED;
        JobSpec spec = new JobSpec(kind, "m", "p", options, 1280, 720, kind == JobKind.AI_VIDEO ? "video/mp4" : "image/png");
        JobStatusChanged event = new JobStatusChanged(UUID.randomUUID(), Instant.now(), "job_1", "acc_1", status, spec,
                "https://hooks.test/x", ok ? List.of(new Asset("outputs/acc_1/job_1/0", spec.format(), 10, 1280, 720))
                : List.of(), ok ? null : "generation_failed", ok ? null : "boom", 4, Instant.now());
        return KilnJson.mapper().readTree(payloads.payload(event, Instant.now()));
    }

    /** A config mapping answering the given method names; any other call fails the test. */
    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new AssertionError("The payload read a config value the test does not set: " + method.getName());
            }
            return values.get(method.getName());
        });
    }
}
