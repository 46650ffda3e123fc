package dev.kiln.webhooks.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The {@code whsec_} secret an account's webhooks are signed with. */
@Entity
@Table(name = "account_secrets")
public class AccountSecret {
    @Id
    @Column(name = "account_id")
    public String accountId;

    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;
}
