package dev.kiln.billing.messaging;

import dev.kiln.billing.service.CreditLedger;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Billing's Kafka consumers (group {@code billing-service}). Each event is handled in one
 * transaction that first records it in the inbox, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class BillingConsumers {
    private static final Logger LOG = Logger.getLogger(BillingConsumers.class);
    static final String ACCOUNTS = "billing-service:accounts";
    static final String JOB_REQUESTS = "billing-service:job-requests";
    static final String JOB_STATUS = "billing-service:job-status";

    private final Inbox inbox;
    private final CreditLedger ledger;

    public BillingConsumers(Inbox inbox, CreditLedger ledger) {
        this.inbox = inbox;
        this.ledger = ledger;
    }

    /** {@code kiln.accounts.v1}: open the credit account of a new account; apply operators' grants. */
    @Incoming("accounts-in")
    @Blocking
    @Transactional
    public void onAccountEvent(KilnEvent event) {
        if (event instanceof AccountOpened opened && first(ACCOUNTS, event)) {
            ledger.openAccount(opened);
        } else if (event instanceof CreditsGranted granted && first(ACCOUNTS, event)) {
            ledger.grant(granted);
        } else {
            skip(event, event instanceof CreditsGranted ? CreditsGranted.class : AccountOpened.class);
        }
    }

    /** {@code kiln.jobs.requested.v1}: reserve the job's price or reject it. */
    @Incoming("job-requests-in")
    @Blocking
    @Transactional
    public void onJobRequest(KilnEvent event) {
        if (event instanceof JobRequested request && first(JOB_REQUESTS, event)) {
            ledger.reserve(request);
        } else {
            skip(event, JobRequested.class);
        }
    }

    /** {@code kiln.jobs.status.v1}: capture or release the hold of a finished job. */
    @Incoming("job-status-in")
    @Blocking
    @Transactional
    public void onJobStatus(KilnEvent event) {
        if (event instanceof JobStatusChanged change && first(JOB_STATUS, event)) {
            ledger.settle(change);
        } else {
            skip(event, JobStatusChanged.class);
        }
    }

    private boolean first(String consumer, KilnEvent event) {
        return inbox.firstDelivery(consumer, event.eventId());
    }

    private static void skip(KilnEvent event, Class<?> expected) {
        if (event == null) {
            LOG.warn("Skipped a record that is not a Kiln event");
        } else if (!expected.isInstance(event)) {
            LOG.debugf("Ignored %s %s", event.type(), event.eventId());
        } else {
            LOG.debugf("Duplicate %s %s ignored", event.type(), event.eventId());
        }
    }
}
