package dev.kiln.orchestrator.messaging;

import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.GenerationFailed;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.GenerationSucceeded;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.orchestrator.service.JobLifecycle;
import dev.kiln.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The orchestrator's Kafka consumers (group {@code job-orchestrator}). Each event is handled in one
 * transaction that first records it in the inbox, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class OrchestratorConsumers {
    private static final Logger LOG = Logger.getLogger(OrchestratorConsumers.class);
    static final String RESERVATIONS = "job-orchestrator:reservations";
    static final String RESULTS = "job-orchestrator:generation-results";

    private final Inbox inbox;
    private final JobLifecycle lifecycle;

    public OrchestratorConsumers(Inbox inbox, JobLifecycle lifecycle) {
        this.inbox = inbox;
        this.lifecycle = lifecycle;
    }

    /** {@code kiln.billing.reservations.v1}: a reserved job is created and dispatched; rejections are not ours. */
    @Incoming("reservations-in")
    @Blocking
    @Transactional
    public void onReservation(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipped a record that is not a Kiln event");
            return;
        }
        if (event instanceof CreditsReserved reserved && inbox.firstDelivery(RESERVATIONS, event.eventId())) {
            lifecycle.accept(reserved);
        }
    }

    /** {@code kiln.jobs.results.v1}: worker progress moves the job forward. */
    @Incoming("generation-results-in")
    @Blocking
    @Transactional
    public void onGenerationResult(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipped a record that is not a Kiln event");
            return;
        }
        boolean result = event instanceof GenerationStarted || event instanceof GenerationSucceeded
                || event instanceof GenerationFailed;
        if (!result || !inbox.firstDelivery(RESULTS, event.eventId())) {
            return;
        }
        switch (event) {
            case GenerationStarted started -> lifecycle.started(started.jobId());
            case GenerationSucceeded succeeded -> lifecycle.succeeded(succeeded.jobId(), succeeded.outputs());
            case GenerationFailed failed -> lifecycle.failed(failed.jobId(), failed.errorCode(), failed.errorMessage());
            default -> {
            }
        }
    }
}
