package dev.kiln.billing.persistence;

import dev.kiln.billing.domain.Credits;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code credit_accounts}: an account's current credits and its ledger sequence. */
@Entity
@Table(name = "credit_accounts")
public class CreditAccountEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    public String plan;
    public long quota;
    public long used;
    public long held;
    /** Sequence number of the account's latest ledger entry. */
    public long sequence;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Credits credits() {
        return new Credits(quota, used, held);
    }

    /** Stores {@code credits} and advances the sequence; returns the new sequence number. */
    public long apply(Credits credits, Instant now) {
        quota = credits.quota();
        used = credits.used();
        held = credits.held();
        updatedAt = now;
        return ++sequence;
    }
}
