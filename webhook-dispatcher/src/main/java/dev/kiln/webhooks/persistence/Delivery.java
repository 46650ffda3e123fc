package dev.kiln.webhooks.persistence;

import dev.kiln.webhooks.domain.DeliveryStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One webhook message for one finished job; its id is the {@code webhook-id} header of every attempt. */
@Entity
@Table(name = "deliveries")
public class Delivery {
    @Id
    public String id;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "job_id")
    public String jobId;

    public String url;

    @Column(name = "event_type")
    public String eventType;

    public String payload;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
