package dev.kiln.billing.domain;

import dev.kiln.contracts.events.ReservationRejected;

/**
 * Billing's one answer to a job request.
 *
 * @param outcome   reserved or rejected
 * @param reason    rejection reason ({@link ReservationRejected#INSUFFICIENT_CREDITS},
 *                  {@link ReservationRejected#UNKNOWN_ACCOUNT}, {@link ReservationRejected#EXPIRED}), null when reserved
 * @param required  the job's price
 * @param available credits available when the decision was taken
 */
public record ReservationDecision(Outcome outcome, String reason, long required, long available) {

    public enum Outcome { RESERVED, REJECTED }

    public static ReservationDecision reserved(long required, long available) {
        return new ReservationDecision(Outcome.RESERVED, null, required, available);
    }

    public static ReservationDecision rejected(String reason, long required, long available) {
        return new ReservationDecision(Outcome.REJECTED, reason, required, available);
    }

    /**
     * The rules of a reservation, in order: an expired request is rejected whatever the balance;
     * an unknown account is rejected; a price above the available credits is rejected.
     *
     * @param credits the account's credits, or null if the account does not exist
     */
    public static ReservationDecision decide(boolean expired, Credits credits, long price) {
        long available = credits == null ? 0 : credits.available();
        if (expired) {
            return rejected(ReservationRejected.EXPIRED, price, available);
        }
        if (credits == null) {
            return rejected(ReservationRejected.UNKNOWN_ACCOUNT, price, 0);
        }
        if (!credits.canHold(price)) {
            return rejected(ReservationRejected.INSUFFICIENT_CREDITS, price, available);
        }
        return reserved(price, available);
    }
}
