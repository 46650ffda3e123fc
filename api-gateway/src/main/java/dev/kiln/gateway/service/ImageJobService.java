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
import dev.kiln.gateway.domain.ImageRequest;
import dev.kiln.gateway.domain.JobView;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.messaging.JobRequestPublisher;
import dev.kiln.gateway.persistence.JobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * AI image jobs: validation and pricing, submission with a synchronous credit decision, reads.
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
public class ImageJobService {
    private static final Logger LOG = Logger.getLogger(ImageJobService.class);
    public static final String UID_PREFIX = "img";
    public static final int MAX_LIMIT = 100;

    private final ModelCatalogue catalogue;
    private final JobRequestPublisher publisher;
    private final ReservationReplies replies;
    private final ReadModelService readModel;
    private final JobRepository jobs;
    private final JobViews views;
    private final GatewayConfig config;

    public ImageJobService(ModelCatalogue catalogue, JobRequestPublisher publisher, ReservationReplies replies,
                           ReadModelService readModel, JobRepository jobs, JobViews views, GatewayConfig config) {
        this.catalogue = catalogue;
        this.publisher = publisher;
        this.replies = replies;
        this.readModel = readModel;
        this.jobs = jobs;
        this.views = views;
        this.config = config;
    }

    /** Validates, prices and submits a job; returns it as {@code pending} once credits are reserved. */
    public JobView submit(Caller caller, ImageRequest body) {
        JobRequested request = toRequest(caller, body, Instant.now());
        Duration timeout = config.reservationTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<KilnEvent> decision = replies.expect(request.jobId());
        try {
            publisher.send(request).get(remaining(deadline), TimeUnit.NANOSECONDS);
            KilnEvent answer = decision.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (answer instanceof CreditsReserved) {
                return views.toView(readModel.recordPending(request), Instant.now());
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

    /** Builds the priced request, or throws ValidationError naming the offending field. */
    JobRequested toRequest(Caller caller, ImageRequest body, Instant now) {
        if (body == null) {
            throw ApiException.validation("A JSON request body is required");
        }
        String prompt = body.prompt();
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.validation("'prompt' is required and must not be blank");
        }
        if (prompt.length() > config.maxPromptLength()) {
            throw ApiException.validation("'prompt' must be at most " + config.maxPromptLength() + " characters");
        }
        String webhookUrl = validWebhookUrl(body.webhookUrl());
        ModelCatalogue.Priced priced;
        try {
            priced = catalogue.resolve(JobKind.AI_IMAGE, body.model(), prompt, body.aspectRatio(), body.imageSize());
        } catch (ModelCatalogue.InvalidOptionException e) {
            throw ApiException.validation(e.getMessage());
        }
        String uid = Tokens.newId(UID_PREFIX);
        return new JobRequested(EventIds.of(uid, "requested"), now, uid, caller.accountId(), priced.spec(),
                priced.priceCredits(), webhookUrl, now.plus(config.reservationTimeout()));
    }

    public JobView get(Caller caller, String uid) {
        return jobs.findOwned(caller.accountId(), uid)
                .map(job -> views.toView(job, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Image '" + uid + "' not found"));
    }

    public List<JobView> list(Caller caller, int page, int limit) {
        if (page < 1) {
            throw ApiException.validation("'page' must be at least 1");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.validation("'limit' must be between 1 and " + MAX_LIMIT);
        }
        Instant now = Instant.now();
        return jobs.pageOf(caller.accountId(), page, limit).stream().map(job -> views.toView(job, now)).toList();
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
