package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One template (table {@code templates}): a built-in ({@code accountId} null) or an account's own. */
@Entity
@Table(name = "templates")
public class TemplateEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    /** The owner; null for a built-in template. */
    @Column(name = "account_id")
    public String accountId;
    public String slug;
    public String name;
    /** The {@code TemplateDocument} as JSON (snake_case, layer {@code type} discriminator). */
    public String document;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean builtIn() {
        return accountId == null;
    }
}
