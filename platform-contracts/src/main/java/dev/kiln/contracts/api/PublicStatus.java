package dev.kiln.contracts.api;

import dev.kiln.contracts.events.JobStatus;

/**
 * How a job's status reads in the public (native) API and in webhook bodies. Internally a job ends
 * {@code succeeded | failed}; the native API, like seed 000's SDK ({@code createAndWait} "polls until
 * completed or failed"), calls success {@code completed}. Gateway and webhook-dispatcher both use this
 * one mapping so a job never reads differently in a response and in its webhook.
 */
public final class PublicStatus {
    /** The public name of a successful end. */
    public static final String COMPLETED = "completed";

    private PublicStatus() {
    }

    /** {@code pending}, {@code processing}, {@code completed} or {@code failed}. */
    public static String of(JobStatus status) {
        return status == JobStatus.SUCCEEDED ? COMPLETED : status.wire();
    }

    /** The public name of a status stored by its internal wire name ({@link JobStatus#wire()}). */
    public static String ofWire(String internalWire) {
        return of(JobStatus.fromWire(internalWire));
    }

    /** The webhook event type of a final status: {@code job.completed} or {@code job.failed}. */
    public static String webhookType(JobStatus status) {
        if (!status.terminal()) {
            throw new IllegalArgumentException("Not a final status: " + status);
        }
        return "job." + of(status);
    }
}
