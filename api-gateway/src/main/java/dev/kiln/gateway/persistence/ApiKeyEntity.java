package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An API key, stored only as its SHA-256 hex plus a display prefix (table {@code api_keys}). */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String prefix;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<ApiKeyEntity> findActiveByHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResultOptional();
    }

    /** Account id and plan of an active key, or empty. */
    public static Optional<ApiKeyCache.CachedKey> findActiveAccountByHash(String keyHash) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        SELECT k.account_id, a.plan FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = ?1 AND k.revoked_at IS NULL""")
                .setParameter(1, keyHash).setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new ApiKeyCache.CachedKey((String) row[0], (String) row[1]));
    }

    public static List<ApiKeyEntity> listByAccount(String accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }
}
