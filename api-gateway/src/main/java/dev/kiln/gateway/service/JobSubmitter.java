package dev.kiln.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.SentValues;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.messaging.JobRequestPublisher;
import dev.kiln.gateway.persistence.JobEntity;
import dev.kiln.gateway.persistence.JobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Generation jobs of every kind: validation and pricing, submission with a synchronous credit
 * decision, reads of the caller's jobs.
 *
 * <p>Submission: the request is published as {@link JobRequested} and the caller waits (parked,
 * not holding a platform thread) for billing's {@link CreditsReserved} or
 * {@link ReservationRejected} on the reservations topic, so an account without credits gets 402
 * at once with no HTTP call between services. If no decision arrives within
 * {@code kiln.gateway.reservation-timeout} the caller gets 503; the request's {@code expires_at}
 * equals that deadline and billing rejects requests it reads later, so a request answered with
 * 503 is never charged and never runs.
 */
@ApplicationScoped
public class JobSubmitter {
    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    public static final int MAX_LIMIT = 100;
    private static final String PROMPT_REQUIRED = "'prompt' is required and must not be blank";

    private final ModelCatalogue catalogue;
    private final JobRequestPublisher publisher;
    private final ReservationReplies replies;
    private final ReadModelService readModel;
    private final JobRepository jobs;
    private final GatewayConfig config;
    private final KeySpend keySpend;
    private final JobWaits waits;

    public JobSubmitter(ModelCatalogue catalogue, JobRequestPublisher publisher, ReservationReplies replies,
                        ReadModelService readModel, JobRepository jobs, GatewayConfig config, KeySpend keySpend,
                        JobWaits waits) {
        this.keySpend = keySpend;
        this.waits = waits;
        this.catalogue = catalogue;
        this.publisher = publisher;
        this.replies = replies;
        this.readModel = readModel;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * Builds the priced request (new uid {@code <uidPrefix>_…}), or throws ValidationError naming the
     * offending field (PlanRestrictedError for a model outside the key's allowlist).
     *
     * @param options request options by catalogue name; null values mean "the model's default"
     */
    public JobRequested prepare(Caller caller, JobKind kind, String uidPrefix, String prompt, String model,
                                Map<String, String> options, String webhookUrl) {
        if (prompt == null) {
            throw ApiException.validation(PROMPT_REQUIRED);
        }
        ModelCatalogue.Priced priced = price(caller, kind, prompt, model, options, webhookUrl);
        return request(caller, uidPrefix, priced.spec(), priced.priceCredits(), webhookUrl); // checked by price
    }

    /**
     * Builds the request of a job its caller already validated and priced (template jobs: the spec
     * carries the template snapshot), checking only {@code webhookUrl}; new uid {@code <uidPrefix>_…}.
     * It is then submitted like any other job ({@link #submit}).
     */
    public JobRequested prepare(Caller caller, String uidPrefix, JobSpec spec, long priceCredits, String webhookUrl) {
        checkWebhookUrl(webhookUrl);
        return request(caller, uidPrefix, spec, priceCredits, webhookUrl);
    }

    private JobRequested request(Caller caller, String uidPrefix, JobSpec spec, long priceCredits, String webhookUrl) {
        Instant now = Instant.now();
        String uid = Tokens.newId(uidPrefix);
        return new JobRequested(EventIds.of(uid, "requested"), now, uid, caller.accountId(), spec, priceCredits,
                webhookUrl, now.plus(config.reservationTimeout()));
    }

    /**
     * Checks and prices a request exactly as {@link #prepare} does, without making a job: the price a
     * quote names is the one a create of the same request would carry ({@link JobRequested#priceCredits()}).
     * The prompt may be absent (null); given, it is checked as for a create.
     *
     * @throws ApiException ValidationError naming the offending field, or PlanRestrictedError for a
     *                      model outside the key's allowlist
     */
    public ModelCatalogue.Priced price(Caller caller, JobKind kind, String prompt, String model,
                                       Map<String, String> options, String webhookUrl) {
        if (prompt != null && prompt.isBlank()) {
            throw ApiException.validation(PROMPT_REQUIRED);
        }
        if (prompt != null && prompt.length() > config.maxPromptLength()) {
            throw ApiException.validation("'prompt' must be at most " + config.maxPromptLength() + " characters");
        }
        checkWebhookUrl(webhookUrl);
        ModelCatalogue.Priced priced;
        try {
            priced = catalogue.resolve(kind, model, prompt, options);
        } catch (ModelCatalogue.InvalidOptionException e) {
            throw ApiException.validation(e.getMessage());
        }
        if (!caller.mayUse(priced.spec().model())) {
            throw ApiException.planRestricted("Model '" + priced.spec().model() + "' is not allowed for this API key; "
                    + "allowed models: " + String.join(", ", caller.models()));
        }
        return priced;
    }

    /**
     * Submits a prepared job; returns its read-model row ({@code pending}) once credits are reserved.
     * The price is first counted against the caller's API key (402 if that passes the key's credit
     * cap, see {@link KeySpend}) and given back if billing rejects the request or it cannot be sent.
     */
    public JobEntity submit(Caller caller, JobRequested request) {
        return submit(caller, request, Duration.ZERO);
    }

    /**
     * As {@link #submit(Caller, JobRequested)}, then, if {@code wait} is positive, holds the answer
     * until the job ends ({@code succeeded} / {@code failed}) or {@code wait} — counted from now —
     * has passed, and returns the job as it stands then. The job's end is learnt from this replica's
     * own status consumer ({@link JobWaits}); when the wait runs out the read model is read once
     * more, in case the end arrived while this replica was not listening.
     */
    public JobEntity submit(Caller caller, JobRequested request, Duration wait) {
        return submit(caller, request, wait, null);
    }

    /**
     * As {@link #submit(Caller, JobRequested, Duration)} for a template job whose event may carry
     * stored-asset references where its caller sent URLs: {@code sent} (null for none) is recorded with
     * the pending row, and the API shows it.
     */
    public JobEntity submit(Caller caller, JobRequested request, Duration wait, SentValues sent) {
        if (!wait.isPositive()) {
            return reserve(caller, request, sent);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<JobStatusChanged> end = waits.expect(request.jobId()); // before the job can start
        try {
            JobEntity job = reserve(caller, request, sent);
            if (JobStatus.fromWire(job.status).terminal()) {
                return job;
            }
            try {
                return ended(job, end.get(remaining(deadline), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return QuarkusTransaction.requiringNew().call(() -> jobs.findById(request.jobId()));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        } finally {
            waits.forget(request.jobId());
        }
    }

    /** The pending row as the job's end event leaves it (the read model may not have applied it yet). */
    private static JobEntity ended(JobEntity pending, JobStatusChanged end) {
        JobEntity job = new JobEntity();
        job.uid = pending.uid;
        job.accountId = pending.accountId;
        job.kind = pending.kind;
        job.model = pending.model;
        job.status = end.status().wire();
        job.statusRank = end.status().rank();
        job.prompt = pending.prompt;
        job.options = pending.options;
        job.width = pending.width;
        job.height = pending.height;
        job.webhookUrl = pending.webhookUrl;
        job.priceCredits = pending.priceCredits;
        try {
            job.outputs = KilnJson.mapper().writeValueAsString(end.outputs() == null ? List.of() : end.outputs());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        job.errorCode = end.errorCode();
        job.errorMessage = end.errorMessage();
        job.createdAt = pending.createdAt;
        job.updatedAt = end.occurredAt();
        job.keyId = pending.keyId;
        job.templateId = pending.templateId;
        job.properties = pending.properties;
        job.transparent = pending.transparent;
        job.inputMediaUrl = pending.inputMediaUrl;
        job.audioUrl = pending.audioUrl;
        job.sentValues = pending.sentValues;
        return job;
    }

    private JobEntity reserve(Caller caller, JobRequested request, SentValues sentValues) {
        keySpend.take(caller, request);
        Duration timeout = config.reservationTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<KilnEvent> decision = replies.expect(request.jobId());
        boolean sent = false;
        try {
            publisher.send(request).get(remaining(deadline), TimeUnit.NANOSECONDS);
            sent = true;
            KilnEvent answer = decision.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (answer instanceof CreditsReserved) {
                return readModel.recordPending(request, caller.keyId(), sentValues);
            }
            keySpend.giveBack(request.jobId()); // every replica's reply consumer does too; the first one counts
            throw rejected((ReservationRejected) answer);
        } catch (TimeoutException e) {
            if (!sent) {
                keySpend.giveBack(request.jobId());
            } // else billing rejects it as expired, and the reply consumers give the credits back
            LOG.warnf("No reservation decision for %s within %s", request.jobId(), timeout);
            throw ApiException.serviceUnavailable("Billing did not confirm the credit reservation within "
                    + timeout.toSeconds() + "s; the request was not charged and will not run. Retry later.");
        } catch (ExecutionException e) {
            keySpend.giveBack(request.jobId());
            LOG.warnf(e.getCause(), "Could not submit %s", request.jobId());
            throw ApiException.serviceUnavailable("The job queue is unavailable; the request was not charged. Retry later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.serviceUnavailable("The request was interrupted; it was not charged.");
        } finally {
            replies.forget(request.jobId());
        }
    }


    /** The caller's job of this kind; another account's job (or another kind) is indistinguishable from none. */
    public Optional<JobEntity> find(Caller caller, JobKind kind, String uid) {
        return jobs.findOwned(caller.accountId(), kind, uid);
    }

    /** One page (1-based) of the caller's jobs of this kind, newest first. */
    public List<JobEntity> page(Caller caller, JobKind kind, int page, int limit) {
        checkPage(page, limit);
        return jobs.pageOf(caller.accountId(), kind, page, limit);
    }

    /** ValidationError naming {@code page} (≥ 1) or {@code limit} (1 to {@value #MAX_LIMIT}) if either is out of range. */
    public static void checkPage(int page, int limit) {
        if (page < 1) {
            throw ApiException.validation("'page' must be at least 1");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.validation("'limit' must be between 1 and " + MAX_LIMIT);
        }
    }

    private static ApiException rejected(ReservationRejected rejection) {
        return switch (rejection.reason() == null ? "" : rejection.reason()) {
            case ReservationRejected.INSUFFICIENT_CREDITS -> ApiException.quotaExceeded(
                    "Not enough credits: this request needs " + rejection.required() + ", "
                            + rejection.available() + " available");
            case ReservationRejected.UNKNOWN_ACCOUNT -> ApiException.quotaExceeded(
                    "The account has no credits yet (" + rejection.required() + " needed)");
            default -> ApiException.serviceUnavailable(
                    "The request expired before billing could reserve credits; it was not charged. Retry later.");
        };
    }

    /** ValidationError naming {@code webhook_url} unless it is null or an absolute http(s) URL of at most 2048 characters. */
    public static String checkWebhookUrl(String url) {
        if (url == null) {
            return null;
        }
        String message = "'webhook_url' must be an absolute http or https URL";
        if (url.length() > 2048) {
            throw ApiException.validation(message + " of at most 2048 characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                throw ApiException.validation(message);
            }
            return url;
        } catch (URISyntaxException e) {
            throw ApiException.validation(message);
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }
}
