package dev.kiln.billing.persistence;

import dev.kiln.billing.domain.HoldState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code holds}: the credits held for one job. */
@Entity
@Table(name = "holds")
public class HoldEntity extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public String jobId;
    @Column(name = "account_id")
    public String accountId;
    public long amount;
    public String model;
    @Enumerated(EnumType.STRING)
    public HoldState state;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
