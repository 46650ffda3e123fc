package dev.kiln.billing.domain;

import dev.kiln.contracts.events.EventIds;

import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic transfer ids: the same fact (a job's hold, its capture, a period's grant) always
 * gets the same id, and the transfers table's primary key refuses a second one.
 */
public final class TransferIds {
    private TransferIds() {
    }

    /** A job's pending transfer from its plan or topup account. */
    public static UUID hold(String jobId, String portion) {
        return EventIds.of(jobId, "hold:" + portion);
    }

    /** The post / void / expire of a job's portion; a hold is resolved once, so one phase ever exists. */
    public static UUID resolution(String jobId, String phase, String portion) {
        return EventIds.of(jobId, "hold-resolved:" + portion + ":" + phase);
    }

    public static UUID lateSettlement(String jobId) {
        return EventIds.of(jobId, "settled-after-expiry");
    }

    public static UUID planGrant(String accountId, Instant periodStart) {
        return EventIds.of(accountId, "plan-grant:" + periodStart);
    }

    public static UUID planExpiry(String accountId, Instant periodStart) {
        return EventIds.of(accountId, "plan-expiry:" + periodStart);
    }

    public static UUID topupExpiry(String accountId, Instant periodStart) {
        return EventIds.of(accountId, "topup-expiry:" + periodStart);
    }

    public static UUID topup(String accountId, String grantId) {
        return EventIds.of(accountId, "topup:" + grantId);
    }
}
