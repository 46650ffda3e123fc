package dev.kiln.billing.service;

import dev.kiln.billing.config.BillingConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Proves the ledger's invariants over the whole ledger, from the stored rows:
 * <ol>
 *   <li>{@code double_entry}: Σ debits = Σ credits over all accounts, posted and pending;</li>
 *   <li>{@code balances_match_transfers}: every account's four balances equal the sums of its transfers;</li>
 *   <li>{@code no_negative_balance}: no customer account has debits above its credits;</li>
 *   <li>{@code captured_at_most_once}: no job has more than one post per hold portion, no hold is
 *       resolved twice, nothing captured above what was held;</li>
 *   <li>{@code no_leaked_holds}: no pending hold is older than its TTL (plus the sweep's grace).</li>
 * </ol>
 * Runs on demand ({@code GET /billing/v1/reconciliation}) and on a schedule; the last scheduled
 * result feeds the health check and the {@code kiln_billing_reconciliation_violations} gauge.
 */
@ApplicationScoped
public class Reconciliation {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** The outcome of one run: violations per invariant (0 everywhere = consistent). */
    public record Report(Instant checkedAt, Map<String, Long> violations, long transfers, long accounts) {
        public boolean consistent() {
            return violations.values().stream().allMatch(v -> v == 0);
        }

        public long total() {
            return violations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final Map<String, String> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("double_entry", """
                SELECT CASE WHEN COALESCE(SUM(debits_posted), 0) = COALESCE(SUM(credits_posted), 0)
                             AND COALESCE(SUM(debits_pending), 0) = COALESCE(SUM(credits_pending), 0) THEN 0 ELSE 1 END
                FROM ledger_accounts""");
        CHECKS.put("balances_match_transfers", """
                WITH flagged AS (
                    SELECT t.debit_account, t.credit_account,
                           CASE WHEN t.type = 'kiln.billing.hold.created' AND r.id IS NULL THEN t.amount ELSE 0 END AS pending,
                           CASE WHEN t.type IN ('kiln.billing.credits.granted', 'kiln.billing.credits.expired',
                                                'kiln.billing.hold.posted') THEN t.amount ELSE 0 END AS posted
                    FROM transfers t LEFT JOIN transfers r ON r.pending_id = t.id),
                moves AS (
                    SELECT debit_account AS id, pending AS dp, posted AS dd, 0 AS cp, 0 AS cd FROM flagged
                    UNION ALL
                    SELECT credit_account, 0, 0, pending, posted FROM flagged),
                sums AS (SELECT id, SUM(dp) AS dp, SUM(dd) AS dd, SUM(cp) AS cp, SUM(cd) AS cd FROM moves GROUP BY id)
                SELECT count(*) FROM ledger_accounts a LEFT JOIN sums s ON s.id = a.id
                WHERE COALESCE(s.dp, 0) <> a.debits_pending OR COALESCE(s.dd, 0) <> a.debits_posted
                   OR COALESCE(s.cp, 0) <> a.credits_pending OR COALESCE(s.cd, 0) <> a.credits_posted""");
        CHECKS.put("no_negative_balance", """
                SELECT count(*) FROM ledger_accounts
                WHERE kind IN ('CUSTOMER_PLAN', 'CUSTOMER_TOPUP') AND debits_pending + debits_posted > credits_posted""");
        CHECKS.put("captured_at_most_once", """
                SELECT (SELECT count(*) FROM (SELECT job_id, debit_account FROM transfers
                                              WHERE type = 'kiln.billing.hold.posted'
                                              GROUP BY job_id, debit_account HAVING count(*) > 1) twice)
                     + (SELECT count(*) FROM transfers r JOIN transfers p ON r.pending_id = p.id
                        WHERE r.amount > p.amount OR r.held_amount <> p.amount)
                     + (SELECT count(*) FROM holds h WHERE h.captured > h.plan_amount + h.topup_amount
                                                       OR (h.state <> 'POSTED' AND h.captured <> 0))""");
        CHECKS.put("no_leaked_holds", """
                SELECT count(*) FROM holds WHERE state = 'PENDING' AND expires_at < ?""");
    }

    private final EntityManager em;
    private final BillingConfig config;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public Reconciliation(EntityManager em, BillingConfig config, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        Gauge.builder("kiln.billing.reconciliation.violations", last, r -> r.get() == null ? 0 : r.get().total())
                .description("Ledger invariant violations found by the last reconciliation (0 = consistent)")
                .register(registry);
        Gauge.builder("kiln.billing.reconciliation.last.success", last,
                        r -> r.get() == null || !r.get().consistent() ? 0 : r.get().checkedAt().getEpochSecond())
                .description("Epoch second of the last reconciliation that found the ledger consistent")
                .register(registry);
    }

    /** Runs every check now, in one read-only snapshot of the ledger. */
    public Report run() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
            Map<String, Long> violations = new LinkedHashMap<>();
            for (var check : CHECKS.entrySet()) {
                var query = em.createNativeQuery(check.getValue());
                if (check.getValue().contains("?")) {
                    query.setParameter(1, Timestamp.from(now.minus(config.reconciliation().expiryGrace())));
                }
                violations.put(check.getKey(), ((Number) query.getSingleResult()).longValue());
            }
            long transfers = ((Number) em.createNativeQuery("SELECT count(*) FROM transfers").getSingleResult()).longValue();
            long accounts = ((Number) em.createNativeQuery("SELECT count(*) FROM ledger_accounts").getSingleResult())
                    .longValue();
            Report report = new Report(now, violations, transfers, accounts);
            last.set(report);
            if (!report.consistent()) {
                LOG.errorf("Ledger reconciliation found violations: %s", violations);
            }
            return report;
        });
    }

    /** The last result, or null before the first run. */
    public Report last() {
        return last.get();
    }

    @Scheduled(every = "${kiln.billing.reconciliation.interval:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        run();
    }
}
