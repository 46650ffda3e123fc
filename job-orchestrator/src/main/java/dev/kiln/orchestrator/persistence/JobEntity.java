package dev.kiln.orchestrator.persistence;

import dev.kiln.contracts.events.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Row of {@code jobs}: one job and its current status. Spec and outputs are stored as event JSON. */
@Entity
@Table(name = "jobs")
public class JobEntity extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public String jobId;
    @Column(name = "account_id")
    public String accountId;
    /** {@link dev.kiln.contracts.events.JobKind} wire name. */
    public String kind;
    public String model;
    public String pool;
    @Convert(converter = StatusConverter.class)
    public JobStatus status;
    /** {@link dev.kiln.contracts.events.JobSpec} as JSON. */
    public String spec;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "price_credits")
    public long priceCredits;
    /** JSON array of {@link dev.kiln.contracts.events.Asset}s, when succeeded. */
    public String outputs;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** Stores a status by its wire name ({@code pending}, {@code processing}, …). */
    @Converter
    public static class StatusConverter implements AttributeConverter<JobStatus, String> {
        @Override
        public String convertToDatabaseColumn(JobStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public JobStatus convertToEntityAttribute(String wire) {
            return wire == null ? null : JobStatus.fromWire(wire);
        }
    }
}
