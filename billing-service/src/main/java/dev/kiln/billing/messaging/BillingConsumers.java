package dev.kiln.billing.messaging;

import dev.kiln.billing.service.LedgerService;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.AccountPlanChanged;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.platform.inbox.Inbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Billing's Kafka consumers (group {@code billing-service}). Job requests and job statuses arrive in
 * batches (one poll) and are handled in one transaction per batch that first records every event id
 * in the inbox, so a redelivered event changes nothing. If a batch fails, its events are retried one
 * transaction each; an event that fails alone fails the batch, which then goes to the dead-letter
 * topic (its other events are already recorded, so replaying the batch is harmless).
 */
@ApplicationScoped
public class BillingConsumers {
    private static final Logger LOG = Logger.getLogger(BillingConsumers.class);
    static final String ACCOUNTS = "billing-service:accounts";
    static final String JOB_REQUESTS = "billing-service:job-requests";
    static final String JOB_STATUS = "billing-service:job-status";

    private final Inbox inbox;
    private final LedgerService ledger;

    public BillingConsumers(Inbox inbox, LedgerService ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /** {@code kiln.accounts.v1}: open customers, apply top-ups and plan changes. */
    @Incoming("accounts-in")
    @Blocking
    public void onAccountEvent(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipped a record that is not a Kiln event");
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!inbox.firstDelivery(ACCOUNTS, event.eventId())) {
                LOG.debugf("Duplicate %s %s ignored", event.type(), event.eventId());
                return;
            }
            switch (event) {
                case AccountOpened opened -> ledger.open(opened);
                case CreditsGranted granted -> ledger.grant(granted);
                case AccountPlanChanged changed -> ledger.changePlan(changed);
                default -> LOG.debugf("Ignored %s %s", event.type(), event.eventId());
            }
        });
    }

    /** {@code kiln.jobs.requested.v1}: reserve each job's price or reject it. */
    @Incoming("job-requests-in")
    @Blocking
    public void onJobRequests(List<KilnEvent> events) {
        handle(JOB_REQUESTS, events, JobRequested.class, batch -> ledger.reserve(batch));
    }

    /** {@code kiln.jobs.status.v1}: post or void the holds of finished jobs. */
    @Incoming("job-status-in")
    @Blocking
    public void onJobStatuses(List<KilnEvent> events) {
        handle(JOB_STATUS, events, JobStatusChanged.class, batch -> ledger.settle(batch));
    }

    private <T extends KilnEvent> void handle(String consumer, List<KilnEvent> events, Class<T> type,
                                              Consumer<List<T>> action) {
        List<T> mine = events.stream().filter(Objects::nonNull).filter(type::isInstance).map(type::cast).toList();
        if (mine.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> process(consumer, mine, action));
        } catch (RuntimeException batchFailure) {
            LOG.warnf(batchFailure, "A batch of %d %s failed; retrying its events one by one", mine.size(),
                    type.getSimpleName());
            for (T event : mine) {
                QuarkusTransaction.requiringNew().run(() -> process(consumer, List.of(event), action));
            }
        }
    }

    private <T extends KilnEvent> void process(String consumer, List<T> events, Consumer<List<T>> action) {
        Set<UUID> fresh = inbox.firstDeliveries(consumer, events.stream().map(KilnEvent::eventId).toList());
        List<T> firstTime = events.stream().filter(e -> fresh.contains(e.eventId())).toList();
        if (firstTime.size() < events.size()) {
            LOG.debugf("%d duplicate events ignored", events.size() - firstTime.size());
        }
        if (!firstTime.isEmpty()) {
            action.accept(firstTime);
        }
    }
}
