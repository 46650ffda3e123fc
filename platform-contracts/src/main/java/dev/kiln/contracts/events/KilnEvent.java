package dev.kiln.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event that crosses a Kafka topic in Kiln.
 *
 * <p>On the wire an event is a JSON object whose {@code type} property names the record (see
 * {@link EventTypes}). Every event carries an {@link #eventId()} that consumers use for
 * deduplication, the time it happened, the job it concerns (null for account-level events) and
 * the account it belongs to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AccountOpened.class, name = EventTypes.ACCOUNT_OPENED),
        @JsonSubTypes.Type(value = CreditsGranted.class, name = EventTypes.CREDITS_GRANTED),
        @JsonSubTypes.Type(value = AccountPlanChanged.class, name = EventTypes.PLAN_CHANGED),
        @JsonSubTypes.Type(value = JobRequested.class, name = EventTypes.JOB_REQUESTED),
        @JsonSubTypes.Type(value = CreditsReserved.class, name = EventTypes.CREDITS_RESERVED),
        @JsonSubTypes.Type(value = ReservationRejected.class, name = EventTypes.RESERVATION_REJECTED),
        @JsonSubTypes.Type(value = JobDispatched.class, name = EventTypes.JOB_DISPATCHED),
        @JsonSubTypes.Type(value = GenerationStarted.class, name = EventTypes.GENERATION_STARTED),
        @JsonSubTypes.Type(value = GenerationSucceeded.class, name = EventTypes.GENERATION_SUCCEEDED),
        @JsonSubTypes.Type(value = GenerationFailed.class, name = EventTypes.GENERATION_FAILED),
        @JsonSubTypes.Type(value = JobStatusChanged.class, name = EventTypes.JOB_STATUS_CHANGED),
})
public sealed interface KilnEvent permits AccountOpened, CreditsGranted, AccountPlanChanged, JobRequested, CreditsReserved, ReservationRejected,
        JobDispatched, GenerationStarted, GenerationSucceeded, GenerationFailed, JobStatusChanged {

    /** Unique id of this event; a consumer that has seen it before must ignore it. */
    UUID eventId();

    /** When the change this event reports happened. */
    Instant occurredAt();

    /** The job this event is about, or {@code null} for account-level events. */
    String jobId();

    /** The account that owns the job or the change. */
    String accountId();

    /** The type name written in the {@code type} property, e.g. {@code job.requested}. */
    @JsonIgnore
    default String type() {
        return EventTypes.nameOf(getClass());
    }
}
