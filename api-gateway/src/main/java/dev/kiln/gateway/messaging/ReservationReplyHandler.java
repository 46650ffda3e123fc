package dev.kiln.gateway.messaging;

import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.gateway.service.KeySpend;
import dev.kiln.gateway.service.ReservationReplies;
import io.smallrye.mutiny.Uni;
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
    private final KeySpend keySpend;

    public ReservationReplyHandler(ReservationReplies replies, KeySpend keySpend) {
        this.replies = replies;
        this.keySpend = keySpend;
    }

    /**
     * Completes the waiting request, if it waits here. A rejection also gives the price back to the
     * API key it was counted against (at most once across all replicas, see {@link KeySpend}) —
     * including requests whose caller already got 503 and that billing rejected as expired later.
     */
    @Incoming("reservation-replies")
    public Uni<Void> onDecision(KilnEvent event) {
        if (event instanceof CreditsReserved || event instanceof ReservationRejected) {
            replies.complete(event);
        }
        return event instanceof ReservationRejected rejected
                ? keySpend.giveBackAsync(rejected.jobId())
                : Uni.createFrom().voidItem();
    }
}
