package dev.kiln.contracts.events;

import java.util.Map;

/** Names written in the {@code type} property of every event. */
public final class EventTypes {
    public static final String ACCOUNT_OPENED = "account.opened";
    public static final String CREDITS_GRANTED = "account.credits_granted";
    public static final String PLAN_CHANGED = "account.plan_changed";
    public static final String JOB_REQUESTED = "job.requested";
    public static final String CREDITS_RESERVED = "billing.credits_reserved";
    public static final String RESERVATION_REJECTED = "billing.reservation_rejected";
    public static final String JOB_DISPATCHED = "job.dispatched";
    public static final String GENERATION_STARTED = "generation.started";
    public static final String GENERATION_SUCCEEDED = "generation.succeeded";
    public static final String GENERATION_FAILED = "generation.failed";
    public static final String JOB_STATUS_CHANGED = "job.status_changed";

    private static final Map<Class<?>, String> NAMES = Map.ofEntries(
            Map.entry(AccountOpened.class, ACCOUNT_OPENED),
            Map.entry(CreditsGranted.class, CREDITS_GRANTED),
            Map.entry(AccountPlanChanged.class, PLAN_CHANGED),
            Map.entry(JobRequested.class, JOB_REQUESTED),
            Map.entry(CreditsReserved.class, CREDITS_RESERVED),
            Map.entry(ReservationRejected.class, RESERVATION_REJECTED),
            Map.entry(JobDispatched.class, JOB_DISPATCHED),
            Map.entry(GenerationStarted.class, GENERATION_STARTED),
            Map.entry(GenerationSucceeded.class, GENERATION_SUCCEEDED),
            Map.entry(GenerationFailed.class, GENERATION_FAILED),
            Map.entry(JobStatusChanged.class, JOB_STATUS_CHANGED));

    private EventTypes() {
    }

    static String nameOf(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("Not a Kiln event: " + type.getName());
        }
        return name;
    }
}
