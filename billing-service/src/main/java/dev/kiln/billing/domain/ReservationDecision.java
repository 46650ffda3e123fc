package dev.kiln.billing.domain;

/** Billing's one answer to a job request: reserved, or rejected with a reason. */
public record ReservationDecision(Outcome outcome, String reason, long required, long available) {

    public enum Outcome { RESERVED, REJECTED }

    public static ReservationDecision of(LedgerBook.Reservation reservation) {
        return new ReservationDecision(reservation.reserved() ? Outcome.RESERVED : Outcome.REJECTED,
                reservation.reason(), reservation.required(), reservation.available());
    }
}
