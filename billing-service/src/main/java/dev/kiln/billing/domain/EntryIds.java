package dev.kiln.billing.domain;

import dev.kiln.contracts.events.EventIds;

import java.util.UUID;

/**
 * Deterministic ledger entry ids: the same fact always gets the same id, so a redelivered event
 * can never record (or publish) a movement twice.
 */
public final class EntryIds {
    private EntryIds() {
    }

    /** The opening grant of an account. */
    public static UUID openingGrant(String accountId) {
        return EventIds.of(accountId, "grant:opening");
    }

    /** An operator's grant {@code grantId} to an account (see {@code CreditsGranted}). */
    public static UUID grant(String accountId, String grantId) {
        if ("opening".equals(grantId)) {
            throw new IllegalArgumentException("'opening' is reserved for the opening grant");
        }
        return EventIds.of(accountId, "grant:" + grantId);
    }

    /** The HOLD, CAPTURE or RELEASE entry of a job. */
    public static UUID forJob(String jobId, EntryKind kind) {
        if (kind == EntryKind.GRANT) {
            throw new IllegalArgumentException("Grants are not job entries");
        }
        return EventIds.of(jobId, kind.name().toLowerCase(java.util.Locale.ROOT));
    }
}
