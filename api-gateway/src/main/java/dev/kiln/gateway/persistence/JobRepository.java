package dev.kiln.gateway.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.contracts.template.TemplateRender;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The jobs read model. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

    /**
     * Inserts the job, or moves an existing row forward. An existing row changes only if the new
     * status ranks strictly higher than the stored one, so duplicates and late, older updates
     * change nothing.
     *
     * <p>Template jobs also record, from {@code spec.render()}, the template's id, the property values
     * {@code transparent} and (template videos) the input video and audio as the job carries them (not the
     * template itself: the job event carries that snapshot).
     *
     * @return whether a row was inserted or updated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(String uid, String accountId, JobStatus status, JobSpec spec, String webhookUrl,
                          long priceCredits, List<Asset> outputs, String errorCode, String errorMessage,
                          Instant createdAt, Instant updatedAt) {
        TemplateRender render = spec.render();
        return getEntityManager().createNativeQuery("""
                        INSERT INTO jobs (uid, account_id, kind, model, status, status_rank, prompt, options,
                                          width, height, webhook_url, price_credits, outputs, error_code,
                                          error_message, created_at, updated_at, template_id, properties,
                                          transparent, input_media_url, audio_url)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                                ?18, ?19, ?20, ?21, ?22)
                        ON CONFLICT (uid) DO UPDATE SET
                            status = EXCLUDED.status, status_rank = EXCLUDED.status_rank,
                            outputs = EXCLUDED.outputs, error_code = EXCLUDED.error_code,
                            error_message = EXCLUDED.error_message, updated_at = EXCLUDED.updated_at
                        WHERE jobs.status_rank < EXCLUDED.status_rank""")
                .setParameter(1, uid)
                .setParameter(2, accountId)
                .setParameter(3, spec.kind().wire())
                .setParameter(4, spec.model())
                .setParameter(5, status.wire())
                .setParameter(6, status.rank())
                .setParameter(7, spec.prompt())
                .setParameter(8, json(spec.options()))
                .setParameter(9, spec.width())
                .setParameter(10, spec.height())
                .setParameter(11, webhookUrl)
                .setParameter(12, priceCredits)
                .setParameter(13, json(outputs == null ? List.of() : outputs))
                .setParameter(14, errorCode)
                .setParameter(15, errorMessage)
                .setParameter(16, Timestamp.from(createdAt))
                .setParameter(17, Timestamp.from(updatedAt))
                .setParameter(18, render == null || render.template() == null ? null : render.template().id())
                .setParameter(19, render == null ? null : json(render.properties()))
                .setParameter(20, render == null ? null : render.transparent())
                .setParameter(21, render == null ? null : render.inputMediaUrl())
                .setParameter(22, render == null ? null : render.audioUrl())
                .executeUpdate() == 1;
    }

    /** Records the API key a job was submitted with, unless one is recorded already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assignKey(String uid, String keyId) {
        getEntityManager().createNativeQuery("UPDATE jobs SET key_id = ?1 WHERE uid = ?2 AND key_id IS NULL")
                .setParameter(1, keyId).setParameter(2, uid).executeUpdate();
    }

    /** Records the values the caller sent for a template job, unless recorded already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assignSentValues(String uid, String sentValuesJson) {
        getEntityManager().createNativeQuery("UPDATE jobs SET sent_values = ?1 WHERE uid = ?2 AND sent_values IS NULL")
                .setParameter(1, sentValuesJson).setParameter(2, uid).executeUpdate();
    }

    /** Credits of the key's jobs that did not fail (held or captured by billing). */
    public long spentByKey(String keyId) {
        Object sum = getEntityManager().createNativeQuery(
                        "SELECT COALESCE(SUM(price_credits), 0) FROM jobs WHERE key_id = ?1 AND status <> 'failed'")
                .setParameter(1, keyId).getSingleResult();
        return ((Number) sum).longValue();
    }

    /** The job if it belongs to {@code accountId} and is of {@code kind}; anything else is indistinguishable from none. */
    public Optional<JobEntity> findOwned(String accountId, JobKind kind, String uid) {
        return find("uid = ?1 and accountId = ?2 and kind = ?3", uid, accountId, kind.wire()).firstResultOptional();
    }

    /** One page (1-based) of the account's jobs of {@code kind}, newest first. */
    public List<JobEntity> pageOf(String accountId, JobKind kind, int page, int limit) {
        return find("accountId = ?1 and kind = ?2 order by createdAt desc, uid desc", accountId, kind.wire())
                .page(page - 1, limit).list();
    }

    private static String json(Object value) {
        try {
            return KilnJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
