package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of an account's credits, as of ledger entry {@code sequence} (table {@code account_balances}). */
@Entity
@Table(name = "account_balances")
public class AccountBalanceEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    public long quota;
    public long used;
    public long held;
    public long available;
    public long sequence;
}
