package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read model of one job (table {@code jobs}); written only through {@link JobRepository#upsert}. */
@Entity
@Table(name = "jobs")
public class JobEntity extends PanacheEntityBase {
    @Id
    public String uid;
    @Column(name = "account_id")
    public String accountId;
    public String kind;
    public String model;
    public String status;
    @Column(name = "status_rank")
    public int statusRank;
    /** Null for template jobs. */
    public String prompt;
    /** JSON object of the resolved options. */
    public String options;
    public Integer width;
    public Integer height;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "price_credits")
    public long priceCredits;
    /** JSON array of stored assets. */
    public String outputs;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The API key the job was submitted with; null if unknown. */
    @Column(name = "key_id")
    public String keyId;
    /** Template jobs: the template's id at submit; null otherwise. */
    @Column(name = "template_id")
    public String templateId;
    /** Template jobs: JSON array of the request's property values; null otherwise. */
    public String properties;
    /** Template jobs: whether the background was left transparent; null otherwise. */
    public Boolean transparent;
    /** Template videos: the input video as the job carries it (a URL or a stored-asset reference); null otherwise. */
    @Column(name = "input_media_url")
    public String inputMediaUrl;
    /** Template videos: the audio as the job carries it (a URL or a stored-asset reference); null otherwise. */
    @Column(name = "audio_url")
    public String audioUrl;
    /**
     * Template jobs: JSON of the request's values as the caller sent them ({@code SentValues}), where the
     * job may carry stored-asset references instead; null until the submitting request records it.
     */
    @Column(name = "sent_values")
    public String sentValues;
}
