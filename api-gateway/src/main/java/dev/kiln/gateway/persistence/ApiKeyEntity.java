package dev.kiln.gateway.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.contracts.json.KilnJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * An API key, stored only as its SHA-256 hex plus a display prefix (table {@code api_keys}), with
 * its optional limits: name, model allowlist, expiry and credit cap.
 */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends PanacheEntityBase {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

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
    public String name;
    /** JSON array of allowed model ids; null = every model. */
    public String models;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "credit_limit")
    public Long creditLimit;

    /** The allowlist, or null when every model is allowed. */
    public List<String> modelList() {
        return parseModels(models);
    }

    public void modelList(List<String> allowed) {
        try {
            models = allowed == null ? null : KilnJson.mapper().writeValueAsString(allowed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> parseModels(String json) {
        if (json == null) {
            return null;
        }
        try {
            return KilnJson.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable model allowlist " + json, e);
        }
    }

    /**
     * What a key resolves to (revoked keys included, so the caller can be told why it is refused),
     * or empty for an unknown key.
     */
    public static Optional<ApiKeyCache.CachedKey> findAccountByHash(String keyHash) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        SELECT k.account_id, a.plan, k.id, k.revoked_at, k.expires_at, k.models, k.credit_limit
                        FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = ?1""")
                .setParameter(1, keyHash).setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new ApiKeyCache.CachedKey((String) row[0], (String) row[1], (String) row[2],
                instant(row[3]) != null, instant(row[4]), parseModels((String) row[5]),
                row[6] == null ? null : ((Number) row[6]).longValue()));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
        };
    }

    public static List<ApiKeyEntity> listByAccount(String accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }
}
