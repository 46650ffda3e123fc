package dev.kiln.gateway.messaging;

import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.gateway.service.ReservationReplies;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Billing's decisions ({@code kiln.billing.reservations.v1}, channel {@code reservation-replies}).
 * Each replica reads them in its own consumer group from the latest offset and completes the
 * requests it is waiting for; it keeps no state, so nothing needs deduplication.
 */
@ApplicationScoped
public class ReservationReplyHandler {
    private final ReservationReplies replies;

    public ReservationReplyHandler(ReservationReplies replies) {
        this.replies = replies;
    }

    @Incoming("reservation-replies")
    public void onDecision(KilnEvent event) {
        if (event instanceof CreditsReserved || event instanceof ReservationRejected) {
            replies.complete(event);
        }
    }
}
