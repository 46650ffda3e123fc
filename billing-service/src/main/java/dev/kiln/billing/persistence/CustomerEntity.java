package dev.kiln.billing.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Read-side mapping of a {@code customers} row (the REST views). Writes go through
 * {@link LedgerStore}, which locks and batches them.
 */
@Entity
@Table(name = "customers")
public class CustomerEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    public String plan;
    @Column(name = "monthly_credits")
    public long monthlyCredits;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    @Column(name = "period_captured")
    public long periodCaptured;
    public long sequence;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
