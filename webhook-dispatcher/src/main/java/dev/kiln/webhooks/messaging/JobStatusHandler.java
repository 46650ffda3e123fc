package dev.kiln.webhooks.messaging;

import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.platform.inbox.Inbox;
import dev.kiln.webhooks.service.DeliveryPlanner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Plans a webhook delivery for every finished job that asked for one ({@code kiln.jobs.status.v1}). */
@ApplicationScoped
public class JobStatusHandler {
    private static final Logger LOG = Logger.getLogger(JobStatusHandler.class);
    static final String CONSUMER = "webhook-dispatcher.job-status";

    private final Inbox inbox;
    private final DeliveryPlanner planner;

    public JobStatusHandler(Inbox inbox, DeliveryPlanner planner) {
        this.inbox = inbox;
        this.planner = planner;
    }

    @Incoming("job-status-in")
    @Blocking
    @Transactional
    public void onEvent(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipped a record on the job status topic that is not a Kiln event");
            return;
        }
        if (event instanceof JobStatusChanged changed && inbox.firstDelivery(CONSUMER, changed.eventId())) {
            planner.jobStatusChanged(changed);
        }
    }
}
