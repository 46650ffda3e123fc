package dev.kiln.webhooks.service;

import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.webhooks.domain.DeliveryStatus;
import dev.kiln.webhooks.persistence.AccountSecretRepository;
import dev.kiln.webhooks.persistence.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/** Turns events into stored secrets and pending deliveries (the sender does the HTTP). */
@ApplicationScoped
public class DeliveryPlanner {
    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);

    private final AccountSecretRepository secrets;
    private final DeliveryRepository deliveries;
    private final WebhookPayloads payloads;

    public DeliveryPlanner(AccountSecretRepository secrets, DeliveryRepository deliveries, WebhookPayloads payloads) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.payloads = payloads;
    }

    /** The webhook message id of a job's final status: same job and status, same id. */
    public static String messageId(String jobId, String status) {
        return "msg_" + EventIds.of(jobId, "webhook:" + status).toString().replace("-", "");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void accountOpened(AccountOpened event) {
        if (event.webhookSecret() == null || event.webhookSecret().isBlank()) {
            LOG.warnf("Account %s was opened without a webhook secret", event.accountId());
            return;
        }
        secrets.upsert(event.accountId(), event.webhookSecret());
    }

    /** Plans a delivery if the job has ended and wants a webhook; otherwise does nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void jobStatusChanged(JobStatusChanged event) {
        if (event.status() == null || !event.status().terminal() || event.webhookUrl() == null
                || event.webhookUrl().isBlank()) {
            return;
        }
        String id = messageId(event.jobId(), event.status().wire());
        String url = event.webhookUrl().trim();
        String invalid = invalidUrl(url);
        String payload = payloads.payload(event, Instant.now());
        boolean added = deliveries.insertIfAbsent(id, event.accountId(), event.jobId(), url,
                WebhookPayloads.eventType(event.status()), payload,
                invalid == null ? DeliveryStatus.PENDING : DeliveryStatus.FAILED, invalid);
        if (added && invalid != null) {
            LOG.warnf("Webhook of job %s not sent: %s", event.jobId(), invalid);
        }
    }

    /** Why the URL can never be delivered to, or null if it is a usable http(s) URL. */
    static String invalidUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "unsupported URL scheme: " + uri.getScheme();
            }
            if (uri.getHost() == null) {
                return "URL has no host";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "malformed URL: " + e.getMessage();
        }
    }
}
