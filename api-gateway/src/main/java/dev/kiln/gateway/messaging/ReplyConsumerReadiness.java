package dev.kiln.gateway.messaging;

import dev.kiln.gateway.service.ReservationReplies;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness stays DOWN until the reservation reply consumer owns its partitions: a submit accepted
 * before that could miss billing's answer (the consumer starts at the latest offset) and time out.
 */
@Readiness
@ApplicationScoped
public class ReplyConsumerReadiness implements HealthCheck {
    private final ReservationReplies replies;

    public ReplyConsumerReadiness(ReservationReplies replies) {
        this.replies = replies;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reservation-replies")
                .status(replies.listening())
                .withData("assigned_partitions", replies.assignedPartitionCount())
                .withData("in_flight_requests", replies.inFlight())
                .build();
    }
}
