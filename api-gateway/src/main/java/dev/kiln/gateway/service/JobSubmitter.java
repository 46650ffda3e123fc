package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.messaging.JobRequestPublisher;
import dev.kiln.gateway.persistence.JobEntity;
import dev.kiln.gateway.persistence.JobRepository;
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

    private final ModelCatalogue catalogue;
    private final JobRequestPublisher publisher;
    private final ReservationReplies replies;
    private final ReadModelService readModel;
    private final JobRepository jobs;
    private final GatewayConfig config;

    public JobSubmitter(ModelCatalogue catalogue, JobRequestPublisher publisher, ReservationReplies replies,
                        ReadModelService readModel, JobRepository jobs, GatewayConfig config) {
        this.catalogue = catalogue;
        this.publisher = publisher;
        this.replies = replies;
        this.readModel = readModel;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * Builds the priced request (new uid {@code <uidPrefix>_…}), or throws ValidationError naming the
     * offending field.
     *
     * @param options request options by catalogue name; null values mean "the model's default"
     */
    public JobRequested prepare(Caller caller, JobKind kind, String uidPrefix, String prompt, String model,
                                Map<String, String> options, String webhookUrl) {
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.validation("'prompt' is required and must not be blank");
        }
        if (prompt.length() > config.maxPromptLength()) {
            throw ApiException.validation("'prompt' must be at most " + config.maxPromptLength() + " characters");
        }
        String validWebhookUrl = validWebhookUrl(webhookUrl);
        ModelCatalogue.Priced priced;
        try {
            priced = catalogue.resolve(kind, model, prompt, options);
        } catch (ModelCatalogue.InvalidOptionException e) {
            throw ApiException.validation(e.getMessage());
        }
        Instant now = Instant.now();
        String uid = Tokens.newId(uidPrefix);
        return new JobRequested(EventIds.of(uid, "requested"), now, uid, caller.accountId(), priced.spec(),
                priced.priceCredits(), validWebhookUrl, now.plus(config.reservationTimeout()));
    }

    /** Submits a prepared job; returns its read-model row ({@code pending}) once credits are reserved. */
    public JobEntity submit(JobRequested request) {
        Duration timeout = config.reservationTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<KilnEvent> decision = replies.expect(request.jobId());
        try {
            publisher.send(request).get(remaining(deadline), TimeUnit.NANOSECONDS);
            KilnEvent answer = decision.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (answer instanceof CreditsReserved) {
                return readModel.recordPending(request);
            }
            throw rejected((ReservationRejected) answer);
        } catch (TimeoutException e) {
            LOG.warnf("No reservation decision for %s within %s", request.jobId(), timeout);
            throw ApiException.serviceUnavailable("Billing did not confirm the credit reservation within "
                    + timeout.toSeconds() + "s; the request was not charged and will not run. Retry later.");
        } catch (ExecutionException e) {
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
        if (page < 1) {
            throw ApiException.validation("'page' must be at least 1");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.validation("'limit' must be between 1 and " + MAX_LIMIT);
        }
        return jobs.pageOf(caller.accountId(), kind, page, limit);
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

    private static String validWebhookUrl(String url) {
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
