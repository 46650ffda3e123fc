package dev.kiln.webhooks.service;

import com.standardwebhooks.Webhook;
import dev.kiln.webhooks.config.WebhooksConfig;
import dev.kiln.webhooks.domain.AttemptResult;
import dev.kiln.webhooks.domain.ClaimedDelivery;
import dev.kiln.webhooks.persistence.DeliveryRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries. Every {@code poll-interval} (fixed delay, so polls never overlap; on a
 * dedicated thread because Quarkus' {@code @Scheduled} cannot fire more often than once a second) a
 * poll claims due rows ({@code FOR UPDATE SKIP LOCKED}) and leases them in a short transaction, then
 * sends them all asynchronously, each with its own timeout, so a slow receiver holds one request slot
 * and nothing else. Each response is recorded in its own short transaction. Safe with several
 * replicas: a leased row is invisible to the others until its lease ends.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    public static final String USER_AGENT = "Kiln-Webhooks/1";

    private final DeliveryRepository deliveries;
    private final RetryPolicy retryPolicy;
    private final WebhooksConfig config;
    private final ManagedExecutor executor;
    private final HttpClient http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kiln-webhook-poller");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookSender(DeliveryRepository deliveries, WebhooksConfig config, ManagedExecutor executor) {
        if (config.lease().compareTo(config.requestTimeout().plus(config.connectTimeout())) <= 0) {
            throw new IllegalArgumentException("kiln.webhooks.lease must exceed request-timeout + connect-timeout");
        }
        this.deliveries = deliveries;
        this.retryPolicy = new RetryPolicy(config);
        this.config = config;
        this.executor = executor;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    void start(@Observes StartupEvent event) {
        long interval = Math.max(10, config.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (Throwable e) { // never let the poller die
                LOG.errorf(e, "Webhook poll failed");
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Claims due deliveries (as many as free request slots allow) and starts sending them. */
    void poll() {
        int free = config.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return;
        }
        List<ClaimedDelivery> claimed;
        try {
            claimed = QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.claimDue(Math.min(free, config.batchSize()), config.lease()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not claim due webhook deliveries");
            return;
        }
        claimed.forEach(this::send);
    }

    /** Starts one attempt; returns at once, the result is recorded when the response (or failure) arrives. */
    void send(ClaimedDelivery delivery) {
        inFlight.incrementAndGet();
        Instant startedAt = Instant.now();
        HttpRequest request;
        try {
            request = request(delivery, startedAt);
        } catch (RuntimeException e) {
            executor.execute(() -> finish(delivery, AttemptResult.failure(startedAt, e.getMessage())));
            return;
        }
        // The request timeout covers the wait for the response headers; the outer one also bounds the body.
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handleAsync((response, failure) -> {
                    AttemptResult result = failure == null
                            ? AttemptResult.response(startedAt, response.statusCode())
                            : AttemptResult.failure(startedAt, describe(failure));
                    finish(delivery, result);
                    return null;
                }, executor);
    }

    private HttpRequest request(ClaimedDelivery delivery, Instant now) {
        if (delivery.secret() == null) {
            throw new IllegalStateException("no webhook secret known for account " + delivery.accountId());
        }
        long timestamp = now.getEpochSecond();
        String signature;
        try {
            signature = new Webhook(delivery.secret()).sign(delivery.id(), timestamp, delivery.payload());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign webhook: " + e.getMessage(), e);
        }
        return HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(config.requestTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .header("user-agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
    }

    private void finish(ClaimedDelivery delivery, AttemptResult result) {
        try {
            Duration retryDelay = result.delivered() ? null : retryPolicy.delayAfter(delivery.attempts() + 1);
            boolean recorded = QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.recordAttempt(delivery, result, retryDelay));
            if (!recorded) {
                LOG.debugf("Webhook %s: lease lost, attempt result dropped", delivery.id());
            } else if (!result.delivered()) {
                LOG.infof("Webhook %s attempt %d failed (%s); %s", delivery.id(), delivery.attempts() + 1,
                        result.error(), retryDelay == null ? "giving up" : "retrying in " + retryDelay);
            }
        } catch (RuntimeException e) {
            // The lease expires and the delivery is attempted again.
            LOG.warnf(e, "Could not record the attempt of webhook %s", delivery.id());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
        http.shutdownNow();
    }
}
