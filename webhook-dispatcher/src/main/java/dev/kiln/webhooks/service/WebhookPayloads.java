package dev.kiln.webhooks.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.api.PublicStatus;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.webhooks.config.AssetsConfig;
import dev.kiln.webhooks.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds webhook bodies in the Standard Webhooks shape
 * {@code {"type": "job.completed", "timestamp": "...", "data": {job}}}, where the job has the
 * fields the gateway returns for {@code GET} of a job (snake_case).
 */
@ApplicationScoped
public class WebhookPayloads {
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";

    private final AssetUrls assetUrls;
    private final String assetBaseUrl;
    private final WebhooksConfig config;

    public WebhookPayloads(AssetsConfig assets, WebhooksConfig config) {
        this.assetUrls = new AssetUrls(assets.signingKey());
        this.assetBaseUrl = assets.baseUrl();
        this.config = config;
    }

    /** The webhook event type of a final status. */
    public static String eventType(JobStatus status) {
        return PublicStatus.webhookType(status);
    }

    /** The JSON body for a finished job; {@code now} starts the lifetime of the signed image URL. */
    public String payload(JobStatusChanged event, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", eventType(event.status()));
        body.put("timestamp", event.occurredAt());
        body.put("data", job(event, now));
        try {
            return KilnJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode webhook payload of " + event.jobId(), e);
        }
    }

    private Map<String, Object> job(JobStatusChanged event, Instant now) {
        JobSpec spec = event.spec();
        Map<String, String> options = spec == null ? Map.of() : spec.options();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("uid", event.jobId());
        job.put("status", PublicStatus.of(event.status()));
        putIfPresent(job, "prompt", spec == null ? null : spec.prompt());
        putIfPresent(job, "model", spec == null ? null : spec.model());
        putIfPresent(job, "aspect_ratio", options.get("aspect_ratio"));
        putIfPresent(job, "image_size", options.get("image_size"));
        putIfPresent(job, "resolution", options.get("resolution"));
        putIfPresent(job, "duration", options.get("duration"));
        if (spec != null) {
            job.put("width", spec.width());
            job.put("height", spec.height());
        }
        job.put("credits", event.priceCredits());
        if (event.status() == JobStatus.SUCCEEDED && !event.outputs().isEmpty()) {
            boolean video = spec != null && (spec.kind() == JobKind.AI_VIDEO || spec.kind() == JobKind.TEMPLATE_VIDEO);
            job.put(video ? "video_url" : "image_url", assetUrls.sign(assetBaseUrl, event.outputs().getFirst().objectKey(),
                    now.plus(config.assetUrlTtl())));
        }
        if (event.status() == JobStatus.FAILED) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", event.errorCode());
            error.put("message", event.errorMessage());
            job.put("error", error);
        }
        putIfPresent(job, "created_at", event.createdAt());
        job.put("updated_at", event.occurredAt());
        return job;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
