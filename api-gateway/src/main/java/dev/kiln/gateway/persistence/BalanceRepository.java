package dev.kiln.gateway.persistence;

import dev.kiln.contracts.ledger.LedgerBalance;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.Instant;

/** The balances read model. */
@ApplicationScoped
public class BalanceRepository implements PanacheRepositoryBase<AccountBalanceEntity, String> {

    /**
     * Stores the balance after the account's ledger transfer {@code sequence}, unless a later one was
     * applied already (ledger events may arrive late or twice): {@code quota} = period quota,
     * {@code used} = period used, {@code held} = pending.
     *
     * @return whether the stored balance changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String accountId, LedgerBalance balance, long sequence) {
        NativeQuery<?> upsert = getEntityManager().createNativeQuery("""
                        INSERT INTO account_balances (account_id, quota, used, held, available, posted,
                                                      period_start, period_end, sequence)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        ON CONFLICT (account_id) DO UPDATE SET
                            quota = EXCLUDED.quota, used = EXCLUDED.used, held = EXCLUDED.held,
                            available = EXCLUDED.available, posted = EXCLUDED.posted,
                            period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                            sequence = EXCLUDED.sequence
                        WHERE account_balances.sequence < EXCLUDED.sequence""").unwrap(NativeQuery.class);
        return upsert.setParameter(1, accountId)
                .setParameter(2, balance.periodQuota())
                .setParameter(3, balance.periodUsed())
                .setParameter(4, balance.pending())
                .setParameter(5, balance.available())
                .setParameter(6, balance.posted())
                .setParameter(7, balance.periodStart(), Instant.class) // typed: either may be null
                .setParameter(8, balance.periodEnd(), Instant.class)
                .setParameter(9, sequence)
                .executeUpdate() == 1;
    }
}
