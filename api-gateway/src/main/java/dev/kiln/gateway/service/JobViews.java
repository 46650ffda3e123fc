package dev.kiln.gateway.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.contracts.api.PublicStatus;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.gateway.config.AssetsConfig;
import dev.kiln.gateway.domain.JobView;
import dev.kiln.gateway.domain.SentValues;
import dev.kiln.gateway.domain.TemplateImageView;
import dev.kiln.gateway.domain.TemplateVideoView;
import dev.kiln.gateway.domain.VideoJobView;
import dev.kiln.gateway.persistence.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns read-model rows into the public job JSON, signing output URLs. */
@ApplicationScoped
public class JobViews {
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<Asset>> ASSETS = new TypeReference<>() {
    };
    private static final TypeReference<List<PropertyValue>> PROPERTIES = new TypeReference<>() {
    };
    private static final TypeReference<SentValues> SENT = new TypeReference<>() {
    };

    private final AssetUrls assetUrls;
    private final AssetsConfig config;
    private final StoredAssets assets;

    public JobViews(AssetUrls assetUrls, AssetsConfig config, StoredAssets assets) {
        this.assetUrls = assetUrls;
        this.config = config;
        this.assets = assets;
    }

    public JobView toView(JobEntity job, Instant now) {
        Map<String, String> options = read(job.options, OPTIONS, Map.of());
        return new JobView(job.uid, PublicStatus.ofWire(job.status), job.prompt, job.model, options.get("aspect_ratio"),
                options.get("image_size"), job.width, job.height, job.priceCredits, outputUrl(job, now), error(job),
                job.webhookUrl, job.createdAt, job.updatedAt);
    }

    public VideoJobView toVideoView(JobEntity job, Instant now) {
        Map<String, String> options = read(job.options, OPTIONS, Map.of());
        return new VideoJobView(job.uid, PublicStatus.ofWire(job.status), job.prompt, job.model, options.get("aspect_ratio"),
                options.get("resolution"), options.get("duration"), job.width, job.height, job.priceCredits,
                outputUrl(job, now), error(job), job.webhookUrl, job.createdAt, job.updatedAt);
    }

    /** A template image job: template slug (from the options), property values and transparency. */
    public TemplateImageView toTemplateImageView(JobEntity job, Instant now) {
        Map<String, String> options = read(job.options, OPTIONS, Map.of());
        SentValues sent = sent(job, now);
        return new TemplateImageView(job.uid, PublicStatus.ofWire(job.status), options.get("template"), job.templateId,
                sent.properties(), Boolean.TRUE.equals(job.transparent), job.width, job.height, job.priceCredits,
                outputUrl(job, now), error(job), job.webhookUrl, job.createdAt, job.updatedAt);
    }

    /** A template video job: template slug and audio mode (from the options), the media URLs as sent. */
    public TemplateVideoView toTemplateVideoView(JobEntity job, Instant now) {
        Map<String, String> options = read(job.options, OPTIONS, Map.of());
        SentValues sent = sent(job, now);
        return new TemplateVideoView(job.uid, PublicStatus.ofWire(job.status), options.get("template"), job.templateId,
                sent.inputMediaUrl(), sent.properties(), sent.audioUrl(), options.get("audio_mode"), job.width,
                job.height, job.priceCredits, outputUrl(job, now), error(job), job.webhookUrl, job.createdAt,
                job.updatedAt);
    }

    /**
     * What the caller sent for a template job. Recorded by the submitting request; a row the status
     * events wrote before that (or without it) shows the values the job carries, stored-asset
     * references signed anew.
     */
    private SentValues sent(JobEntity job, Instant now) {
        if (job.sentValues != null && !job.sentValues.isBlank()) {
            return read(job.sentValues, SENT, null);
        }
        List<PropertyValue> properties = read(job.properties, PROPERTIES, List.<PropertyValue>of()).stream()
                .map(p -> p.imageUrl() == null ? p
                        : new PropertyValue(p.name(), p.text(), assets.forDisplay(p.imageUrl(), now), p.color()))
                .toList();
        return new SentValues(properties, assets.forDisplay(job.inputMediaUrl, now), assets.forDisplay(job.audioUrl, now));
    }

    /** Signed URL of the first output, only when the job completed. */
    private String outputUrl(JobEntity job, Instant now) {
        if (!JobStatus.SUCCEEDED.wire().equals(job.status)) {
            return null;
        }
        List<Asset> outputs = read(job.outputs, ASSETS, List.of());
        return outputs.isEmpty() ? null
                : assetUrls.sign(config.baseUrl(), outputs.get(0).objectKey(), now.plus(config.urlTtl()));
    }

    private static JobView.JobError error(JobEntity job) {
        return JobStatus.FAILED.wire().equals(job.status) ? new JobView.JobError(job.errorCode, job.errorMessage) : null;
    }

    private static <T> T read(String json, TypeReference<T> type, T fallback) {
        if (json == null || json.isBlank()) {
            return fallback;
        }
        try {
            return KilnJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
