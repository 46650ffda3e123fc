package dev.kiln.billing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.billing.domain.AccountKind;
import dev.kiln.billing.domain.Customer;
import dev.kiln.billing.domain.Hold;
import dev.kiln.billing.domain.HoldState;
import dev.kiln.billing.domain.LedgerAccount;
import dev.kiln.billing.domain.LedgerBook;
import dev.kiln.billing.domain.ReservationDecision;
import dev.kiln.billing.domain.Transfer;
import dev.kiln.contracts.json.KilnJson;
import dev.kiln.contracts.ledger.PriceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ledger's rows, read and written with plain JDBC batches inside the caller's transaction.
 *
 * <p><b>Lock order</b> (the same in every transaction, so they never deadlock): customers, then
 * holds, then customer ledger accounts, each set in one statement ordered by its key; platform
 * accounts last, by the increments of {@link #applyPlatformDeltas} right before the commit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LedgerStore {
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private final EntityManager em;

    public LedgerStore(EntityManager em) {
        this.em = em;
    }

    /** Locks and reads the customers that exist among {@code accountIds}. */
    public Map<String, Customer> lockCustomers(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            Map<String, Customer> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT account_id, plan, monthly_credits, period_start, period_end, period_captured, sequence
                    FROM customers WHERE account_id = ANY (?) ORDER BY account_id FOR UPDATE""")) {
                s.setArray(1, c.createArrayOf("varchar", new TreeSet<>(accountIds).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), new Customer(r.getString(1), r.getString(2), r.getLong(3),
                                instant(r, 4), instant(r, 5), r.getLong(6), r.getLong(7), false));
                    }
                }
            }
            return found;
        });
    }

    /** Locks and reads the holds that exist among {@code jobIds}. */
    public Map<String, Hold> lockHolds(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            Map<String, Hold> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT job_id, customer_id, plan_amount, topup_amount, plan_transfer, topup_transfer, price_credits,
                           price_model, price_options, price_units, state, captured, created_at, expires_at, resolved_at
                    FROM holds WHERE job_id = ANY (?) ORDER BY job_id FOR UPDATE""")) {
                s.setArray(1, c.createArrayOf("varchar", new TreeSet<>(jobIds).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        PriceSnapshot price = new PriceSnapshot(r.getLong(7), r.getString(8), options(r.getString(9)),
                                r.getInt(10));
                        found.put(r.getString(1), new Hold(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                                r.getObject(5, UUID.class), r.getObject(6, UUID.class), price, instant(r, 13),
                                instant(r, 14), HoldState.valueOf(r.getString(11)), r.getLong(12), instant(r, 15),
                                false));
                    }
                }
            }
            return found;
        });
    }

    /** Locks and reads ledger accounts; missing ids are simply absent. */
    public Map<String, LedgerAccount> lockAccounts(Collection<String> ids) {
        return readAccounts(ids, true);
    }

    /**
     * Reads platform accounts without locking them: they are written as increments
     * ({@link #applyPlatformDeltas}) at the very end of the transaction, so the hot rows (revenue,
     * issuers) are locked only from that update to the commit.
     */
    public Map<String, LedgerAccount> readPlatformAccounts(Collection<String> ids) {
        return readAccounts(ids, false);
    }

    private Map<String, LedgerAccount> readAccounts(Collection<String> ids, boolean lock) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            Map<String, LedgerAccount> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, kind, customer_id, debits_pending, debits_posted, credits_pending, credits_posted
                    FROM ledger_accounts WHERE id = ANY (?) ORDER BY id""" + (lock ? " FOR UPDATE" : ""))) {
                s.setArray(1, c.createArrayOf("varchar", new TreeSet<>(ids).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), new LedgerAccount(r.getString(1), AccountKind.valueOf(r.getString(2)),
                                r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7)));
                    }
                }
            }
            return found;
        });
    }

    /** The customer of each job that has a hold (no lock: holds never change customer). */
    public Map<String, String> customersOfHolds(Collection<String> jobIds) {
        return stringPairs("SELECT job_id, customer_id FROM holds WHERE job_id = ANY (?)", jobIds);
    }

    /** Jobs among {@code jobIds} that already have a reservation decision. */
    public Set<String> decided(Collection<String> jobIds) {
        return stringPairs("SELECT job_id, job_id FROM reservation_decisions WHERE job_id = ANY (?)", jobIds).keySet();
    }

    /** Which of {@code ids} are transfers already. */
    public Set<UUID> existingTransfers(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return work(c -> {
            Set<UUID> found = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM transfers WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getObject(1, UUID.class));
                    }
                }
            }
            return found;
        });
    }

    /** Pending holds whose TTL passed, oldest first: job id → customer id. */
    public Map<String, String> expiredHolds(Instant now, int limit) {
        return work(c -> {
            Map<String, String> found = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT job_id, customer_id FROM holds WHERE state = 'PENDING' AND expires_at <= ?
                    ORDER BY expires_at LIMIT ?""")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return found;
        });
    }

    /** Customers whose plan period ended by {@code now}. */
    public List<String> periodsEnded(Instant now, int limit) {
        return work(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT account_id FROM customers WHERE period_end <= ? ORDER BY period_end LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
            return found;
        });
    }

    /** Takes the transaction-scoped advisory lock {@code name}; false if another transaction holds it. */
    public boolean tryExclusive(String name) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.' || ?))")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    /** Records reservation decisions (one per job). */
    public void insertDecisions(Map<String, String> accountOfJob, Map<String, ReservationDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO reservation_decisions (job_id, account_id, outcome, reason, required, available)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (var e : decisions.entrySet()) {
                    ReservationDecision d = e.getValue();
                    s.setString(1, e.getKey());
                    s.setString(2, accountOfJob.get(e.getKey()));
                    s.setString(3, d.outcome().name());
                    s.setString(4, d.reason());
                    s.setLong(5, d.required());
                    s.setLong(6, d.available());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Writes everything the book changed: new and changed customers, accounts and holds, new transfers. */
    public void write(LedgerBook book) {
        work(c -> {
            writeCustomers(c, book);
            writeAccounts(c, book);
            writeTransfers(c, book.transfers());
            writeHolds(c, book);
            return null;
        });
    }

    private static void writeCustomers(Connection c, LedgerBook book) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO customers (account_id, plan, monthly_credits, period_start, period_end, period_captured,
                                       sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement update = c.prepareStatement("""
                     UPDATE customers SET plan = ?, monthly_credits = ?, period_start = ?, period_end = ?,
                            period_captured = ?, sequence = ?, updated_at = ? WHERE account_id = ?""")) {
            boolean inserts = false;
            boolean updates = false;
            Timestamp now = Timestamp.from(book.now());
            for (Customer customer : book.customers()) {
                if (!customer.dirty()) {
                    continue;
                }
                if (customer.isNew()) {
                    insert.setString(1, customer.accountId());
                    insert.setString(2, customer.plan());
                    insert.setLong(3, customer.monthlyCredits());
                    insert.setTimestamp(4, Timestamp.from(customer.periodStart()));
                    insert.setTimestamp(5, Timestamp.from(customer.periodEnd()));
                    insert.setLong(6, customer.periodCaptured());
                    insert.setLong(7, customer.sequence());
                    insert.setTimestamp(8, now);
                    insert.addBatch();
                    inserts = true;
                } else {
                    update.setString(1, customer.plan());
                    update.setLong(2, customer.monthlyCredits());
                    update.setTimestamp(3, Timestamp.from(customer.periodStart()));
                    update.setTimestamp(4, Timestamp.from(customer.periodEnd()));
                    update.setLong(5, customer.periodCaptured());
                    update.setLong(6, customer.sequence());
                    update.setTimestamp(7, now);
                    update.setString(8, customer.accountId());
                    update.addBatch();
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    private static void writeAccounts(Connection c, LedgerBook book) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO ledger_accounts (id, kind, customer_id, debits_pending, debits_posted, credits_pending,
                                             credits_posted) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET debits_pending = EXCLUDED.debits_pending,
                    debits_posted = EXCLUDED.debits_posted, credits_pending = EXCLUDED.credits_pending,
                    credits_posted = EXCLUDED.credits_posted""")) {
            boolean any = false;
            List<LedgerAccount> dirty = new ArrayList<>();
            for (LedgerAccount a : book.accounts()) {
                if (a.dirty() && a.kind().customer()) {
                    dirty.add(a);
                }
            }
            dirty.sort((x, y) -> x.id().compareTo(y.id()));
            for (LedgerAccount a : dirty) {
                upsert.setString(1, a.id());
                upsert.setString(2, a.kind().name());
                upsert.setString(3, a.customerId());
                upsert.setLong(4, a.debitsPending());
                upsert.setLong(5, a.debitsPosted());
                upsert.setLong(6, a.creditsPending());
                upsert.setLong(7, a.creditsPosted());
                upsert.addBatch();
                any = true;
            }
            if (any) {
                upsert.executeBatch();
            }
        }
    }

    /**
     * Adds what the book moved on platform accounts as increments, in id order. Call it as the last
     * statement of the transaction: these rows are shared by every transaction, and an increment
     * holds their lock only until the commit.
     */
    public void applyPlatformDeltas(LedgerBook book) {
        List<LedgerAccount> changed = new ArrayList<>();
        for (LedgerAccount a : book.accounts()) {
            if (!a.kind().customer() && a.dirty()) {
                changed.add(a);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        changed.sort((x, y) -> x.id().compareTo(y.id()));
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE ledger_accounts SET debits_pending = debits_pending + ?, debits_posted = debits_posted + ?,
                           credits_pending = credits_pending + ?, credits_posted = credits_posted + ?
                    WHERE id = ?""")) {
                for (LedgerAccount a : changed) {
                    long[] d = a.delta();
                    for (int i = 0; i < 4; i++) {
                        s.setLong(i + 1, d[i]);
                    }
                    s.setString(5, a.id());
                    s.addBatch();
                }
                int[] updated = s.executeBatch();
                for (int n : updated) {
                    if (n == 0) {
                        throw new IllegalStateException("A platform ledger account is missing");
                    }
                }
            }
            return null;
        });
    }

    private static void writeTransfers(Connection c, List<Transfer> transfers) throws SQLException {
        if (transfers.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO transfers (id, type, debit_account, credit_account, amount, pending_id, held_amount,
                                       customer_id, job_id, model, reason, sequence, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Transfer t : transfers) {
                s.setObject(1, t.id());
                s.setString(2, t.type());
                s.setString(3, t.debitAccount());
                s.setString(4, t.creditAccount());
                s.setLong(5, t.amount());
                s.setObject(6, t.pendingId());
                if (t.heldAmount() == null) {
                    s.setNull(7, Types.BIGINT);
                } else {
                    s.setLong(7, t.heldAmount());
                }
                s.setString(8, t.customerId());
                s.setString(9, t.jobId());
                s.setString(10, t.model());
                s.setString(11, t.reason());
                s.setLong(12, t.sequence());
                s.setTimestamp(13, Timestamp.from(t.createdAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void writeHolds(Connection c, LedgerBook book) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO holds (job_id, customer_id, plan_amount, topup_amount, plan_transfer, topup_transfer,
                                   price_credits, price_model, price_options, price_units, state, captured,
                                   created_at, expires_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE holds SET state = ?, captured = ?, resolved_at = ? WHERE job_id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (Hold h : book.holds()) {
                if (!h.dirty()) {
                    continue;
                }
                if (h.isNew()) {
                    insert.setString(1, h.jobId());
                    insert.setString(2, h.customerId());
                    insert.setLong(3, h.planAmount());
                    insert.setLong(4, h.topupAmount());
                    insert.setObject(5, h.planTransfer());
                    insert.setObject(6, h.topupTransfer());
                    insert.setLong(7, h.price().credits());
                    insert.setString(8, h.price().model());
                    insert.setString(9, json(h.price().options()));
                    insert.setInt(10, h.price().units());
                    insert.setString(11, h.state().name());
                    insert.setLong(12, h.captured());
                    insert.setTimestamp(13, Timestamp.from(h.createdAt()));
                    insert.setTimestamp(14, Timestamp.from(h.expiresAt()));
                    insert.setTimestamp(15, h.resolvedAt() == null ? null : Timestamp.from(h.resolvedAt()));
                    insert.addBatch();
                    inserts = true;
                } else {
                    update.setString(1, h.state().name());
                    update.setLong(2, h.captured());
                    update.setTimestamp(3, h.resolvedAt() == null ? null : Timestamp.from(h.resolvedAt()));
                    update.setString(4, h.jobId());
                    update.addBatch();
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    private Map<String, String> stringPairs(String sql, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setArray(1, c.createArrayOf("varchar", keys.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return found;
        });
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Map<String, String> options(String json) {
        try {
            return json == null ? Map.of() : KilnJson.mapper().readValue(json, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bad price options " + json, e);
        }
    }

    private static String json(Map<String, String> options) {
        try {
            return KilnJson.mapper().writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T work(SqlWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
