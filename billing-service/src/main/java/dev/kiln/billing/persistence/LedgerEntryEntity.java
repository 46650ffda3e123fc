package dev.kiln.billing.persistence;

import dev.kiln.billing.domain.EntryKind;
import dev.kiln.contracts.events.Balance;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code ledger_entries}: one immutable credit movement (inserted, never updated). */
@Entity
@Immutable
@Table(name = "ledger_entries")
public class LedgerEntryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "entry_id")
    public UUID entryId;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "job_id")
    public String jobId;
    @Enumerated(EnumType.STRING)
    public EntryKind kind;
    public long amount;
    @Column(name = "quota_after")
    public long quotaAfter;
    @Column(name = "used_after")
    public long usedAfter;
    @Column(name = "held_after")
    public long heldAfter;
    @Column(name = "available_after")
    public long availableAfter;
    public long sequence;
    public String model;
    /** Why credits were granted; null for other entries and the opening grant. */
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;

    public Balance balanceAfter() {
        return new Balance(quotaAfter, usedAfter, heldAfter, availableAfter);
    }
}
