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
import dev.kiln.gateway.domain.TemplateVideoRequest;
import dev.kiln.gateway.domain.TemplateVideoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Template video jobs ({@code vid_…} like AI videos, kind {@code template_video}, model {@value #MODEL}):
 * a template's layers drawn over an input video, with optional background audio. Checked against the
 * template as template images are ({@link TemplateValidation}), priced at
 * {@code kiln.templates.video-credits}, then submitted, waited for and read through {@link JobSubmitter}
 * like every job. The job carries a snapshot of the template and the input and audio URLs
 * ({@link TemplateRender}); signed asset URLs of the caller's own outputs travel as stored-asset
 * references ({@link StoredAssets}), and the API shows what the caller sent.
 */
@ApplicationScoped
public class TemplateVideoService {
    public static final String UID_PREFIX = "vid";
    /** The model id the orchestrator routes template videos by. */
    public static final String MODEL = "template-video";
    public static final String CONTENT_TYPE = "video/mp4";
    public static final String FORMAT = "mp4";
    /** Job option naming what the background audio does to the input's sound. */
    public static final String AUDIO_MODE_OPTION = "audio_mode";
    public static final String REPLACE = "replace";
    public static final String MIX = "mix";

    private final TemplateService templates;
    private final JobSubmitter submitter;
    private final JobViews views;
    private final TemplatesConfig config;
    private final StoredAssets assets;

    public TemplateVideoService(TemplateService templates, JobSubmitter submitter, JobViews views,
                                TemplatesConfig config, StoredAssets assets) {
        this.templates = templates;
        this.submitter = submitter;
        this.views = views;
        this.config = config;
        this.assets = assets;
    }

    /**
     * Validates and prices a request: ValidationError naming the field or property, NotFoundError for
     * a template the caller does not see. Nothing is sent yet.
     */
    public TemplateJob prepare(Caller caller, TemplateVideoRequest body) {
        Built built = build(caller, body, true);
        return new TemplateJob(submitter.prepare(caller, UID_PREFIX, built.spec(), config.videoCredits(),
                body.webhookUrl()), built.sent());
    }

    /**
     * Checks a request as {@link #prepare} does, without a job ({@code input_media_url} may be left out,
     * and is checked when given): what a create of {@code body} would cost.
     */
    public Quote quote(Caller caller, TemplateVideoRequest body) {
        Built built = build(caller, body, false);
        JobSubmitter.checkWebhookUrl(body.webhookUrl());
        return Quote.ofTemplate(built.spec(), config.videoCredits());
    }

    private Built build(Caller caller, TemplateVideoRequest body, boolean inputRequired) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        if (body.template() == null || body.template().isBlank()) {
            throw ApiException.validation("'template' is required (a template slug or UUID)");
        }
        String input = body.inputMediaUrl();
        if (input == null || input.isBlank()) {
            if (inputRequired) {
                throw ApiException.validation("'input_media_url' is required (an absolute http or https URL of the "
                        + "video to draw the template over)");
            }
            input = null;
        } else {
            input = TemplateValidation.httpUrl(input, "'input_media_url'");
        }
        String audio = body.audioUrl() == null ? null : TemplateValidation.httpUrl(body.audioUrl(), "'audio_url'");
        String audioMode = audioMode(body.audioMode());

        TemplateDocument template = templates.resolve(caller, body.template());
        List<PropertyValue> properties = TemplateValidation.properties(template, body.properties());
        String carriedInput = assets.forJob(caller, input, "'input_media_url'");
        String carriedAudio = assets.forJob(caller, audio, "'audio_url'");
        List<PropertyValue> carried = assets.forJob(caller, properties);
        TemplateDocument snapshot = assets.forJob(caller, template, properties);

        Map<String, String> options = new LinkedHashMap<>();
        options.put(TemplateImageService.TEMPLATE_OPTION, template.slug());
        options.put(TemplateImageService.FORMAT_OPTION, FORMAT);
        options.put(AUDIO_MODE_OPTION, audioMode);
        // the layers are drawn over the video: no canvas background
        JobSpec spec = new JobSpec(JobKind.TEMPLATE_VIDEO, MODEL, null, options, template.canvas().width(),
                template.canvas().height(), CONTENT_TYPE,
                new TemplateRender(snapshot, carried, true, carriedInput, carriedAudio));
        return new Built(spec, new SentValues(properties, input, audio));
    }

    private static String audioMode(String mode) {
        if (mode == null) {
            return REPLACE;
        }
        if (REPLACE.equals(mode) || MIX.equals(mode)) {
            return mode;
        }
        throw ApiException.validation("Invalid audio_mode '" + mode + "'; allowed values: " + REPLACE + ", " + MIX);
    }

    private record Built(JobSpec spec, SentValues sent) {
    }

    /** Submits, then holds the answer up to {@code wait} for the job to end (see {@link JobSubmitter}). */
    public TemplateVideoView submit(Caller caller, TemplateJob job, Duration wait) {
        return views.toTemplateVideoView(submitter.submit(caller, job.request(), wait, job.sent()), Instant.now());
    }

    /** The caller's template video; another account's, or an AI video, is not found. */
    public TemplateVideoView get(Caller caller, String uid) {
        return submitter.find(caller, JobKind.TEMPLATE_VIDEO, uid)
                .map(job -> views.toTemplateVideoView(job, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Video '" + uid + "' not found"));
    }

    /** One page of the caller's template videos, newest first. */
    public List<TemplateVideoView> list(Caller caller, int page, int limit) {
        Instant now = Instant.now();
        return submitter.page(caller, JobKind.TEMPLATE_VIDEO, page, limit).stream()
                .map(job -> views.toTemplateVideoView(job, now)).toList();
    }
}
