package dev.kiln.gateway.service;

import dev.kiln.contracts.events.KilnEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Requests of this replica that wait for billing's reservation decision
 * ({@code billing.credits_reserved} or {@code billing.reservation_rejected}) on the reservations
 * topic, read with a consumer group per replica.
 */
@ApplicationScoped
public class ReservationReplies extends ReplicaWaiters<KilnEvent> {

    /** Hands a decision to the request waiting for it, if it waits on this replica. */
    public boolean complete(KilnEvent decision) {
        return deliver(decision);
    }
}
