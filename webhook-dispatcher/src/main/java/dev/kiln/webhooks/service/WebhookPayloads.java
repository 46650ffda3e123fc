package dev.kiln.webhooks.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.assets.AssetUrls;
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
 * {@code {"type": "job.succeeded", "timestamp": "...", "data": {job}}}, where the job has the
 * fields the gateway returns for {@code GET} of a job (snake_case).
 */
@ApplicationScoped
public class WebhookPayloads {
    public static final String JOB_SUCCEEDED = "job.succeeded";
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
        return switch (status) {
            case SUCCEEDED -> JOB_SUCCEEDED;
            case FAILED -> JOB_FAILED;
            default -> throw new IllegalArgumentException("Not a final status: " + status);
        };
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
        job.put("status", event.status().wire());
        putIfPresent(job, "prompt", spec == null ? null : spec.prompt());
        putIfPresent(job, "model", spec == null ? null : spec.model());
        putIfPresent(job, "aspect_ratio", options.get("aspect_ratio"));
        putIfPresent(job, "image_size", options.get("image_size"));
        if (spec != null) {
            job.put("width", spec.width());
            job.put("height", spec.height());
        }
        job.put("credits", event.priceCredits());
        if (event.status() == JobStatus.SUCCEEDED && !event.outputs().isEmpty()) {
            job.put("image_url", assetUrls.sign(assetBaseUrl, event.outputs().getFirst().objectKey(),
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
