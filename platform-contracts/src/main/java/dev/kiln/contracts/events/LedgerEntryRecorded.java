package dev.kiln.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.UUID;

/**
 * One immutable movement of an account's credits; the feed finance reads. Topic
 * {@link dev.kiln.contracts.Topics#LEDGER}, key = account id (an account's entries stay in order).
 *
 * @param eventId  equals the ledger entry id (deterministic from job id and phase)
 * @param jobId    the job the movement is for, null for grants
 * @param kind     what happened
 * @param amount   credits moved (always positive)
 * @param balance  the account's balance after the movement
 * @param sequence per-account sequence number, strictly increasing
 * @param model    model of the job, null for grants
 */
public record LedgerEntryRecorded(UUID eventId, Instant occurredAt, String jobId, String accountId,
                                  Kind kind, long amount, Balance balance, long sequence, String model)
        implements KilnEvent {

    /** The kinds of ledger movement. */
    public enum Kind {
        GRANT("grant"), HOLD("hold"), CAPTURE("capture"), RELEASE("release");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
