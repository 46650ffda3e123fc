package dev.kiln.webhooks.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads and writes {@code account_secrets}. */
@ApplicationScoped
public class AccountSecretRepository {
    private final EntityManager em;

    public AccountSecretRepository(EntityManager em) {
        this.em = em;
    }

    /** Stores the account's secret, replacing an older one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(String accountId, String secret) {
        em.createNativeQuery("""
                        INSERT INTO account_secrets (account_id, secret) VALUES (?1, ?2)
                        ON CONFLICT (account_id) DO UPDATE SET secret = EXCLUDED.secret""")
                .setParameter(1, accountId)
                .setParameter(2, secret)
                .executeUpdate();
    }
}
