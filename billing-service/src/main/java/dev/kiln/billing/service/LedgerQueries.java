package dev.kiln.billing.service;

import dev.kiln.billing.persistence.CustomerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only queries over the ledger for the REST API. */
@ApplicationScoped
@Transactional
public class LedgerQueries {
    private final EntityManager em;

    public LedgerQueries(EntityManager em) {
        this.em = em;
    }

    /**
     * @param available     credits that can be held now
     * @param pending       credits held by running jobs
     * @param posted        credits owned: granted − captured − expired
     * @param periodUsed    captured this period + pending (the native API's {@code api_usage})
     * @param ledgerAccounts the account's ledger accounts with their four balances
     */
    public record AccountView(String accountId, String plan, long monthlyCredits, Instant periodStart, Instant periodEnd,
                              long available, long pending, long posted, long periodUsed, long sequence,
                              List<LedgerAccountView> ledgerAccounts) {
    }

    public record LedgerAccountView(String id, String kind, long debitsPending, long debitsPosted, long creditsPending,
                                    long creditsPosted) {
    }

    public record TransferView(UUID id, String type, String debitAccount, String creditAccount, long amount,
                               UUID pendingId, Long heldAmount, String jobId, String model, String reason, long sequence,
                               Instant createdAt) {
    }

    public Optional<AccountView> account(String accountId) {
        CustomerEntity c = CustomerEntity.findById(accountId);
        if (c == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, kind, debits_pending, debits_posted, credits_pending, credits_posted
                        FROM ledger_accounts WHERE customer_id = ?1 ORDER BY id""")
                .setParameter(1, accountId).getResultList();
        List<LedgerAccountView> accounts = new ArrayList<>();
        long available = 0;
        long pending = 0;
        long posted = 0;
        for (Object[] r : rows) {
            LedgerAccountView a = new LedgerAccountView((String) r[0], (String) r[1], num(r[2]), num(r[3]), num(r[4]),
                    num(r[5]));
            accounts.add(a);
            posted += a.creditsPosted() - a.debitsPosted();
            pending += a.debitsPending();
            available += a.creditsPosted() - a.debitsPosted() - a.debitsPending();
        }
        return Optional.of(new AccountView(accountId, c.plan, c.monthlyCredits, c.periodStart, c.periodEnd, available,
                pending, posted, c.periodCaptured + pending, c.sequence, accounts));
    }

    public List<TransferView> transfers(String accountId, long afterSequence, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, type, debit_account, credit_account, amount, pending_id, held_amount, job_id, model,
                               reason, sequence, created_at
                        FROM transfers WHERE customer_id = ?1 AND sequence > ?2 ORDER BY sequence LIMIT ?3""")
                .setParameter(1, accountId).setParameter(2, afterSequence).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new TransferView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], num(r[4]),
                (UUID) r[5], r[6] == null ? null : num(r[6]), (String) r[7], (String) r[8], (String) r[9], num(r[10]),
                instant(r[11]))).toList();
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static Instant instant(Object o) {
        return switch (o) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime odt -> odt.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("Not a timestamp: " + o.getClass());
        };
    }
}
