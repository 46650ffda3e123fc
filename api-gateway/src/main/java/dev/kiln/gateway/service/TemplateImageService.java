package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.template.PropertyValue;
import dev.kiln.contracts.template.TemplateDocument;
import dev.kiln.contracts.template.TemplateRender;
import dev.kiln.gateway.config.TemplatesConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Quote;
import dev.kiln.gateway.domain.SentValues;
import dev.kiln.gateway.domain.TemplateImageRequest;
import dev.kiln.gateway.domain.TemplateImageView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Template image jobs ({@code img_…}, kind {@code template_image}, model {@value #MODEL}): the request
 * is checked against the template, priced at {@code kiln.templates.image-credits} and then submitted,
 * waited for and read exactly as AI jobs are ({@link JobSubmitter}: credit reservation, the key's
 * credit cap, {@code Prefer: wait}). The job carries a snapshot of the template
 * ({@link TemplateRender}), so a later change to the template does not change the render. Image URLs
 * that are signed asset URLs of the caller's own outputs travel as stored-asset references
 * ({@link StoredAssets}); the API shows what the caller sent.
 */
@ApplicationScoped
public class TemplateImageService {
    public static final String UID_PREFIX = "img";
    /** The model id the orchestrator routes template images by. */
    public static final String MODEL = "template-image";
    public static final String CONTENT_TYPE = "image/png";
    public static final String FORMAT = "png";
    /** Option names of template jobs. */
    public static final String TEMPLATE_OPTION = "template";
    public static final String FORMAT_OPTION = "format";

    private final TemplateService templates;
    private final JobSubmitter submitter;
    private final JobViews views;
    private final TemplatesConfig config;
    private final StoredAssets assets;

    public TemplateImageService(TemplateService templates, JobSubmitter submitter, JobViews views,
                                TemplatesConfig config, StoredAssets assets) {
        this.assets = assets;
        this.templates = templates;
        this.submitter = submitter;
        this.views = views;
        this.config = config;
    }

    /**
     * Validates and prices a request: ValidationError naming the field or property, NotFoundError for
     * a template the caller does not see. Nothing is sent yet.
     */
    public TemplateJob prepare(Caller caller, TemplateImageRequest body) {
        Built built = build(caller, body);
        return new TemplateJob(submitter.prepare(caller, UID_PREFIX, built.spec(), config.imageCredits(),
                body.webhookUrl()), built.sent());
    }

    /**
     * Checks a request exactly as {@link #prepare} does, without a job: what a create of {@code body}
     * would cost ({@code POST /v1/account/calculate-cost}).
     */
    public Quote quote(Caller caller, TemplateImageRequest body) {
        Built built = build(caller, body);
        JobSubmitter.checkWebhookUrl(body.webhookUrl());
        return Quote.ofTemplate(built.spec(), config.imageCredits());
    }

    private Built build(Caller caller, TemplateImageRequest body) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        if (body.template() == null || body.template().isBlank()) {
            throw ApiException.validation("'template' is required (a template slug or UUID)");
        }
        TemplateDocument template = templates.resolve(caller, body.template());
        List<PropertyValue> properties = TemplateValidation.properties(template, body.properties());
        List<PropertyValue> carried = assets.forJob(caller, properties);
        TemplateDocument snapshot = assets.forJob(caller, template, properties);
        boolean transparent = Boolean.TRUE.equals(body.transparent());
        Map<String, String> options = new LinkedHashMap<>();
        options.put(TEMPLATE_OPTION, template.slug());
        options.put(FORMAT_OPTION, FORMAT);
        JobSpec spec = new JobSpec(JobKind.TEMPLATE_IMAGE, MODEL, null, options, template.canvas().width(),
                template.canvas().height(), CONTENT_TYPE, new TemplateRender(snapshot, carried, transparent, null, null));
        return new Built(spec, new SentValues(properties, null, null));
    }

    private record Built(JobSpec spec, SentValues sent) {
    }

    /** Submits, then holds the answer up to {@code wait} for the job to end (see {@link JobSubmitter}). */
    public TemplateImageView submit(Caller caller, TemplateJob job, Duration wait) {
        return views.toTemplateImageView(submitter.submit(caller, job.request(), wait, job.sent()), Instant.now());
    }

    /** The caller's template image; another account's, or an AI image, is not found. */
    public TemplateImageView get(Caller caller, String uid) {
        return submitter.find(caller, JobKind.TEMPLATE_IMAGE, uid)
                .map(job -> views.toTemplateImageView(job, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Image '" + uid + "' not found"));
    }

    /** One page of the caller's template images, newest first. */
    public List<TemplateImageView> list(Caller caller, int page, int limit) {
        Instant now = Instant.now();
        return submitter.page(caller, JobKind.TEMPLATE_IMAGE, page, limit).stream()
                .map(job -> views.toTemplateImageView(job, now)).toList();
    }
}
