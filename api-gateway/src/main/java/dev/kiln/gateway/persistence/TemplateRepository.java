package dev.kiln.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Templates. An account sees the built-ins ({@code account_id} null) and its own templates; every
 * read here is scoped that way, so another account's template is indistinguishable from none.
 */
@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<TemplateEntity, UUID> {

    /** The template if it is a built-in or belongs to {@code accountId}. */
    public Optional<TemplateEntity> findVisible(String accountId, UUID id) {
        return find("id = ?1 and (accountId is null or accountId = ?2)", id, accountId).firstResultOptional();
    }

    /** The template with this slug: the account's own if it has one, else the built-in. */
    public Optional<TemplateEntity> findVisibleBySlug(String accountId, String slug) {
        Optional<TemplateEntity> own = find("slug = ?1 and accountId = ?2", slug, accountId).firstResultOptional();
        return own.isPresent() ? own : find("slug = ?1 and accountId is null", slug).firstResultOptional();
    }

    /** Whether a built-in template has this slug. */
    public boolean builtInSlug(String slug) {
        return count("slug = ?1 and accountId is null", slug) > 0;
    }

    /**
     * One page (1-based) of the templates the account sees: the built-ins first (by slug), then its
     * own, newest first.
     */
    @SuppressWarnings("unchecked")
    public List<TemplateEntity> pageVisible(String accountId, int page, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM templates
                        WHERE account_id IS NULL OR account_id = ?1
                        ORDER BY (account_id IS NOT NULL), CASE WHEN account_id IS NULL THEN slug END,
                                 created_at DESC, id DESC
                        LIMIT ?2 OFFSET ?3""", TemplateEntity.class)
                .setParameter(1, accountId)
                .setParameter(2, limit)
                .setParameter(3, (long) (page - 1) * limit)
                .getResultList();
    }

    /**
     * Inserts an account's template unless the account already has one with this slug.
     *
     * @return whether it was inserted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertOwn(UUID id, String accountId, String slug, String name, String document, Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO templates (id, account_id, slug, name, document, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, accountId)
                .setParameter(3, slug)
                .setParameter(4, name)
                .setParameter(5, document)
                .setParameter(6, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    /**
     * Replaces an account's template (slug, name, document) unless another of its templates has the
     * new slug (a concurrent rename can still fail on the unique index; callers map that to 409).
     *
     * @return whether it was updated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean updateOwn(UUID id, String accountId, String slug, String name, String document, Instant now) {
        return getEntityManager().createNativeQuery("""
                        UPDATE templates SET slug = ?3, name = ?4, document = ?5, updated_at = ?6
                        WHERE id = ?1 AND account_id = ?2
                          AND NOT EXISTS (SELECT 1 FROM templates other
                                          WHERE other.account_id = ?2 AND other.slug = ?3 AND other.id <> ?1)""")
                .setParameter(1, id)
                .setParameter(2, accountId)
                .setParameter(3, slug)
                .setParameter(4, name)
                .setParameter(5, document)
                .setParameter(6, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    /** Deletes an account's template; built-ins and other accounts' templates are never deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deleteOwn(UUID id, String accountId) {
        return delete("id = ?1 and accountId = ?2", id, accountId) == 1;
    }

    /**
     * Writes a built-in template: inserted if missing, rewritten if its slug, name or document changed
     * (its {@code created_at} stays), left alone otherwise. Safe to run from several replicas at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertBuiltIn(UUID id, String slug, String name, String document, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO templates (id, account_id, slug, name, document, created_at, updated_at)
                        VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?5)
                        ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,
                            document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
                        WHERE templates.account_id IS NULL
                          AND (templates.slug, templates.name, templates.document)
                              IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.name, EXCLUDED.document)""")
                .setParameter(1, id)
                .setParameter(2, slug)
                .setParameter(3, name)
                .setParameter(4, document)
                .setParameter(5, Timestamp.from(now))
                .executeUpdate();
    }

    /** Deletes built-in templates that are no longer shipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long deleteBuiltInsExcept(Collection<UUID> keep) {
        return delete("accountId is null and id not in ?1", keep);
    }
}
