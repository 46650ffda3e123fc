package dev.kiln.gateway.messaging;

import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.gateway.service.KeySpend;
import dev.kiln.gateway.service.ReadModelService;
import dev.kiln.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the read models from the shared consumer group {@code api-gateway}: job statuses
 * ({@code job-status-in}) and the ledger's transfers ({@code ledger-in}, CloudEvents read by
 * {@link dev.kiln.contracts.ledger.LedgerEventDeserializer}). Each event is applied once (inbox, by
 * event id) and only if it moves the row forward (status rank, per-account ledger sequence).
 */
@ApplicationScoped
public class ReadModelHandlers {
    static final String JOB_STATUS_CONSUMER = "api-gateway.job-status";
    static final String LEDGER_CONSUMER = "api-gateway.ledger";

    private final Inbox inbox;
    private final ReadModelService readModel;
    private final KeySpend keySpend;

    public ReadModelHandlers(Inbox inbox, ReadModelService readModel, KeySpend keySpend) {
        this.inbox = inbox;
        this.readModel = readModel;
        this.keySpend = keySpend;
    }

    @Incoming("job-status-in")
    @Blocking
    @Transactional
    public void onJobStatus(KilnEvent event) {
        if (event instanceof JobStatusChanged changed && inbox.firstDelivery(JOB_STATUS_CONSUMER, changed.eventId())) {
            readModel.applyStatus(changed);
            if (changed.status() == JobStatus.FAILED) {
                keySpend.giveBack(changed.jobId()); // billing released the hold: so does the key
            } else if (changed.status() == JobStatus.SUCCEEDED) {
                keySpend.settled(changed.jobId());
            }
        }
    }

    @Incoming("ledger-in")
    @Blocking
    @Transactional
    public void onLedgerEvent(LedgerEvent event) {
        if (event != null && inbox.firstDelivery(LEDGER_CONSUMER, event.id())) {
            readModel.applyLedger(event);
        }
    }
}
