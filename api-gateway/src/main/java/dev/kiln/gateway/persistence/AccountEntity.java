package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account (table {@code accounts}). */
@Entity
@Table(name = "accounts")
public class AccountEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String plan;
    @Column(name = "webhook_secret")
    public String webhookSecret;
    @Column(name = "created_at")
    public Instant createdAt;
}
