package dev.kiln.gateway.persistence;

import dev.kiln.contracts.events.Balance;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The balances read model. */
@ApplicationScoped
public class BalanceRepository implements PanacheRepositoryBase<AccountBalanceEntity, String> {

    /**
     * Stores the balance after ledger entry {@code sequence}, unless a later entry was applied
     * already (entries may arrive late or twice).
     *
     * @return whether the stored balance changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String accountId, Balance balance, long sequence) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO account_balances (account_id, quota, used, held, available, sequence)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (account_id) DO UPDATE SET
                            quota = EXCLUDED.quota, used = EXCLUDED.used, held = EXCLUDED.held,
                            available = EXCLUDED.available, sequence = EXCLUDED.sequence
                        WHERE account_balances.sequence < EXCLUDED.sequence""")
                .setParameter(1, accountId)
                .setParameter(2, balance.quota())
                .setParameter(3, balance.used())
                .setParameter(4, balance.held())
                .setParameter(5, balance.available())
                .setParameter(6, sequence)
                .executeUpdate() == 1;
    }
}
