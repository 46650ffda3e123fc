package dev.kiln.webhooks.messaging;

import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.platform.inbox.Inbox;
import dev.kiln.webhooks.service.DeliveryPlanner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps each account's webhook secret ({@code kiln.accounts.v1}). */
@ApplicationScoped
public class AccountEventsHandler {
    private static final Logger LOG = Logger.getLogger(AccountEventsHandler.class);
    static final String CONSUMER = "webhook-dispatcher.accounts";

    private final Inbox inbox;
    private final DeliveryPlanner planner;

    public AccountEventsHandler(Inbox inbox, DeliveryPlanner planner) {
        this.inbox = inbox;
        this.planner = planner;
    }

    @Incoming("accounts-in")
    @Blocking
    @Transactional
    public void onEvent(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipped a record on the accounts topic that is not a Kiln event");
            return;
        }
        if (event instanceof AccountOpened opened && inbox.firstDelivery(CONSUMER, opened.eventId())) {
            planner.accountOpened(opened);
        }
    }
}
