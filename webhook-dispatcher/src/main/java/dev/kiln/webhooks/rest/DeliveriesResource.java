package dev.kiln.webhooks.rest;

import dev.kiln.webhooks.persistence.Delivery;
import dev.kiln.webhooks.persistence.DeliveryRepository;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** Operators' view of webhook deliveries. */
@Path("/webhooks/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {
    private final DeliveryRepository deliveries;

    public DeliveriesResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /** A delivery with its attempts (JSON in snake_case). */
    public record DeliveryView(String id, String accountId, String jobId, String url, String eventType,
                               String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode,
                               String lastError, Instant createdAt, Instant deliveredAt,
                               List<DeliveryRepository.Attempt> attemptLog) {
    }

    /** The envelope of the list. */
    public record DeliveryList(List<DeliveryView> data) {
    }

    @GET
    public DeliveryList byJob(@QueryParam("job_id") String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new BadRequestException("job_id is required");
        }
        return new DeliveryList(deliveries.findByJob(jobId).stream().map(this::view).toList());
    }

    private DeliveryView view(Delivery d) {
        return new DeliveryView(d.id, d.accountId, d.jobId, d.url, d.eventType, d.status.name(), d.attempts,
                d.nextAttemptAt, d.lastStatusCode, d.lastError, d.createdAt, d.deliveredAt,
                deliveries.attemptsOf(d.id));
    }
}
