package dev.kiln.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The life of a job: {@code pending → processing → succeeded | failed}. A status never moves
 * backwards; {@link #rank()} orders them so a consumer can drop a late, older update.
 */
public enum JobStatus {
    PENDING("pending", 0),
    PROCESSING("processing", 1),
    SUCCEEDED("succeeded", 2),
    FAILED("failed", 2);

    private final String wire;
    private final int rank;

    JobStatus(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return rank == 2;
    }

    /** Whether a job in this status may move to {@code next}. */
    public boolean canMoveTo(JobStatus next) {
        return !terminal() && next.rank > rank;
    }

    public static JobStatus fromWire(String wire) {
        for (JobStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown job status: " + wire);
    }
}
