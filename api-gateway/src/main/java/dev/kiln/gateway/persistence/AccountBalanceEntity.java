package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Read model of an account's credits, as of its ledger transfer {@code sequence} (table
 * {@code account_balances}).
 */
@Entity
@Table(name = "account_balances")
public class AccountBalanceEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    /** Credits of the current period: {@code used + available}. */
    public long quota;
    /** Credits used in the current period (captured plus still held). */
    public long used;
    /** Credits held by jobs still running (the ledger's pending). */
    public long held;
    /** Credits that can be held now: {@code posted - held}. */
    public long available;
    /** Credits the account owns: granted minus captured minus expired. */
    public long posted;
    @Column(name = "period_start")
    public Instant periodStart;
    @Column(name = "period_end")
    public Instant periodEnd;
    public long sequence;
}
