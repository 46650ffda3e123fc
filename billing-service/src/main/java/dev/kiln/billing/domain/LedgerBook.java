package dev.kiln.billing.domain;

import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import dev.kiln.contracts.ledger.PriceSnapshot;
import dev.kiln.contracts.ledger.TransferData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of the credit ledger, applied in memory to the rows one transaction has locked
 * (customers, holds, ledger accounts). Every operation either moves money by creating transfers
 * that keep the double entry (each transfer debits one account and credits another by the same
 * amount) or changes nothing. Transfer ids derive from the job (or grant / period) and the phase,
 * so replaying an input can never create a second transfer. The caller writes what changed
 * ({@link #customers()}, {@link #accounts()}, {@link #holds()}, {@link #transfers()}) and
 * publishes {@link #events()}.
 *
 * <p>Not thread-safe: one book per transaction.
 */
public final class LedgerBook {
    /** Reason of a plan period's grant. */
    public static final String PLAN_PERIOD = "plan_period";

    private final Map<String, Customer> customers;
    private final Map<String, LedgerAccount> accounts;
    private final Map<String, Hold> holds;
    private final Instant now;
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Posted> events = new ArrayList<>();
    private final Set<UUID> transferIds = new HashSet<>();

    /** A transfer with the customer's balance right after it: what the ledger topic carries. */
    public record Posted(Transfer transfer, TransferData data) {
    }

    public LedgerBook(Map<String, Customer> customers, Map<String, LedgerAccount> accounts, Map<String, Hold> holds,
                      Instant now) {
        this.customers = new HashMap<>(customers);
        this.accounts = new HashMap<>(accounts);
        this.holds = new HashMap<>(holds);
        this.now = now;
    }

    // ---------------------------------------------------------------- accounts and grants

    /**
     * Opens a customer: its plan and topup accounts and its first plan period, and grants
     * {@code openingCredits} to the plan account.
     */
    public Customer open(String accountId, String plan, long monthlyCredits, long openingCredits, Instant periodStart,
                         Instant periodEnd) {
        if (customers.containsKey(accountId)) {
            return null;
        }
        Customer customer = new Customer(accountId, plan, monthlyCredits, periodStart, periodEnd, 0, 0, true);
        customers.put(accountId, customer);
        accounts.put(LedgerAccount.planOf(accountId),
                LedgerAccount.newCustomerAccount(LedgerAccount.planOf(accountId), AccountKind.CUSTOMER_PLAN, accountId));
        accounts.put(LedgerAccount.topupOf(accountId),
                LedgerAccount.newCustomerAccount(LedgerAccount.topupOf(accountId), AccountKind.CUSTOMER_TOPUP, accountId));
        if (openingCredits > 0) {
            posted(customer, TransferIds.planGrant(accountId, periodStart), LedgerEventTypes.CREDITS_GRANTED,
                    LedgerAccount.PLAN_GRANTS, LedgerAccount.planOf(accountId), openingCredits, null, PLAN_PERIOD);
        }
        return customer;
    }

    /** An operator's top-up: platform:topups → customer topup, once per grant id. */
    public boolean grantTopup(String accountId, String grantId, long credits, String reason) {
        Customer customer = customers.get(accountId);
        UUID id = TransferIds.topup(accountId, grantId);
        if (customer == null || credits <= 0 || transferIds.contains(id)) {
            return false;
        }
        posted(customer, id, LedgerEventTypes.CREDITS_GRANTED, LedgerAccount.TOPUPS, LedgerAccount.topupOf(accountId),
                credits, null, reason);
        return true;
    }

    /** The new plan applies from the next period on (no money moves now). */
    public boolean changePlan(String accountId, String plan, long monthlyCredits) {
        Customer customer = customers.get(accountId);
        if (customer == null) {
            return false;
        }
        customer.changePlan(plan, monthlyCredits);
        return true;
    }

    /**
     * Closes every period of {@code accountId} that ended by {@code now}: unused plan credits expire
     * (unless {@code rollOver}), top-ups expire only if {@code expireTopups}, and the plan's monthly
     * credits are granted for the period that contains {@code now}. Periods missed entirely (the
     * service was down for longer than a period) are closed without a grant.
     *
     * @return how many periods were closed
     */
    public int closePeriods(String accountId, boolean rollOver, boolean expireTopups, PeriodLength length) {
        Customer customer = customers.get(accountId);
        if (customer == null || customer.periodEnd().isAfter(now)) {
            return 0;
        }
        int closed = 0;
        while (!customer.periodEnd().isAfter(now)) {
            Instant ended = customer.periodEnd();
            if (!rollOver) {
                expire(customer, LedgerAccount.planOf(accountId), TransferIds.planExpiry(accountId, customer.periodStart()));
            }
            if (expireTopups) {
                expire(customer, LedgerAccount.topupOf(accountId), TransferIds.topupExpiry(accountId, customer.periodStart()));
            }
            customer.newPeriod(ended, length.after(ended));
            closed++;
        }
        if (customer.monthlyCredits() > 0) {
            posted(customer, TransferIds.planGrant(accountId, customer.periodStart()), LedgerEventTypes.CREDITS_GRANTED,
                    LedgerAccount.PLAN_GRANTS, LedgerAccount.planOf(accountId), customer.monthlyCredits(), null,
                    PLAN_PERIOD);
        }
        return closed;
    }

    private void expire(Customer customer, String accountId, UUID id) {
        long unused = account(accountId).available();
        if (unused > 0) {
            posted(customer, id, LedgerEventTypes.CREDITS_EXPIRED, accountId, LedgerAccount.EXPIRED, unused, null,
                    "period_end");
        }
    }

    // ---------------------------------------------------------------- holds

    /** The outcome of one reservation. */
    public record Reservation(boolean reserved, String reason, long required, long available, Hold hold,
                              LedgerBalance balance) {
    }

    /**
     * Holds {@code price} for {@code jobId}, plan credits first, then top-ups — or refuses it when the
     * request expired, the account is unknown or the price exceeds what is available.
     */
    public Reservation reserve(String jobId, String accountId, PriceSnapshot price, boolean expired, Duration ttl) {
        Customer customer = customers.get(accountId);
        long available = customer == null ? 0 : available(accountId);
        if (expired) {
            return new Reservation(false, ReservationRejected.EXPIRED, price.credits(), available, null, null);
        }
        if (customer == null) {
            return new Reservation(false, ReservationRejected.UNKNOWN_ACCOUNT, price.credits(), 0, null, null);
        }
        if (holds.containsKey(jobId)) {
            throw new LedgerInvariantException("Job " + jobId + " already has a hold");
        }
        if (price.credits() < 0 || price.credits() > available) {
            return new Reservation(false, ReservationRejected.INSUFFICIENT_CREDITS, price.credits(), available, null,
                    null);
        }
        LedgerAccount plan = account(LedgerAccount.planOf(accountId));
        long fromPlan = Math.min(price.credits(), plan.available());
        long fromTopup = price.credits() - fromPlan;
        UUID planId = fromPlan > 0 || fromTopup == 0 ? TransferIds.hold(jobId, "plan") : null;
        UUID topupId = fromTopup > 0 ? TransferIds.hold(jobId, "topup") : null;
        Hold hold = new Hold(jobId, accountId, fromPlan, fromTopup, planId, topupId, price, now, now.plus(ttl),
                HoldState.PENDING, 0, null, true);
        holds.put(jobId, hold);
        if (planId != null) {
            pending(customer, planId, jobId, LedgerAccount.planOf(accountId), fromPlan, price.model());
        }
        if (topupId != null) {
            pending(customer, topupId, jobId, LedgerAccount.topupOf(accountId), fromTopup, price.model());
        }
        return new Reservation(true, null, price.credits(), available, hold, balance(customer));
    }

    /** What happened to a settlement. */
    public enum Settlement { POSTED, VOIDED, EXPIRED, ALREADY_RESOLVED, SETTLED_AFTER_EXPIRY, NO_HOLD, NOT_DUE }

    /**
     * Posts a finished job's hold: captures {@link CaptureRule#captured} of the price snapshot
     * (plan portion first) and returns the rest. A hold that already expired is not captured; the
     * case is flagged once with a {@code hold.settled_after_expiry} event.
     */
    public Settlement post(String jobId, int delivered) {
        Hold hold = holds.get(jobId);
        if (hold == null) {
            return Settlement.NO_HOLD;
        }
        if (hold.state().resolved()) {
            return hold.state() == HoldState.EXPIRED ? flagLateSettlement(hold) : Settlement.ALREADY_RESOLVED;
        }
        long capture = CaptureRule.captured(hold.price().credits(), hold.price().units(), delivered);
        long fromPlan = Math.min(capture, hold.planAmount());
        long fromTopup = capture - fromPlan;
        Customer customer = customers.get(hold.customerId());
        customer.captured(capture); // first: the events' balances count the capture in the period's usage
        resolve(customer, hold, HoldState.POSTED, capture, "post", LedgerEventTypes.HOLD_POSTED, fromPlan, fromTopup);
        return Settlement.POSTED;
    }

    /** Voids a failed job's hold: everything returns to the customer. */
    public Settlement voidHold(String jobId) {
        return release(jobId, HoldState.VOIDED, "void", LedgerEventTypes.HOLD_VOIDED);
    }

    /** Voids a hold whose TTL passed without its job ending. */
    public Settlement expireHold(String jobId) {
        Hold hold = holds.get(jobId);
        if (hold != null && !hold.state().resolved() && hold.expiresAt().isAfter(now)) {
            return Settlement.NOT_DUE;
        }
        return release(jobId, HoldState.EXPIRED, "expire", LedgerEventTypes.HOLD_EXPIRED);
    }

    private Settlement release(String jobId, HoldState to, String phase, String type) {
        Hold hold = holds.get(jobId);
        if (hold == null) {
            return Settlement.NO_HOLD;
        }
        if (hold.state().resolved()) {
            return hold.state() == HoldState.EXPIRED && to == HoldState.VOIDED
                    ? flagLateSettlement(hold) : Settlement.ALREADY_RESOLVED;
        }
        resolve(customers.get(hold.customerId()), hold, to, 0, phase, type, 0, 0);
        return to == HoldState.EXPIRED ? Settlement.EXPIRED : Settlement.VOIDED;
    }

    private void resolve(Customer customer, Hold hold, HoldState to, long captured, String phase, String type,
                         long postPlan, long postTopup) {
        hold.resolve(to, captured, now);
        String revenue = LedgerAccount.REVENUE;
        if (hold.planTransfer() != null) {
            resolvePortion(customer, hold, TransferIds.resolution(hold.jobId(), phase, "plan"), type,
                    LedgerAccount.planOf(hold.customerId()), revenue, hold.planTransfer(), hold.planAmount(), postPlan);
        }
        if (hold.topupTransfer() != null) {
            resolvePortion(customer, hold, TransferIds.resolution(hold.jobId(), phase, "topup"), type,
                    LedgerAccount.topupOf(hold.customerId()), revenue, hold.topupTransfer(), hold.topupAmount(),
                    postTopup);
        }
    }

    private void resolvePortion(Customer customer, Hold hold, UUID id, String type, String debit, String credit,
                                UUID pendingId, long held, long posted) {
        if (posted > held) {
            throw new LedgerInvariantException("Cannot post " + posted + " of a hold of " + held);
        }
        account(debit).resolveDebit(held, posted);
        account(credit).resolveCredit(held, posted);
        record(customer, new Transfer(id, type, debit, credit, posted, pendingId, held, customer.accountId(),
                hold.jobId(), hold.price().model(), null, customer.nextSequence(), now));
    }

    private Settlement flagLateSettlement(Hold hold) {
        UUID id = TransferIds.lateSettlement(hold.jobId());
        if (transferIds.contains(id)) {
            return Settlement.ALREADY_RESOLVED;
        }
        Customer customer = customers.get(hold.customerId());
        String from = hold.planTransfer() != null ? LedgerAccount.planOf(hold.customerId())
                : LedgerAccount.topupOf(hold.customerId());
        record(customer, new Transfer(id, LedgerEventTypes.HOLD_SETTLED_AFTER_EXPIRY, from, LedgerAccount.REVENUE, 0,
                null, hold.amount(), customer.accountId(), hold.jobId(), hold.price().model(), "hold_expired",
                customer.nextSequence(), now));
        return Settlement.SETTLED_AFTER_EXPIRY;
    }

    // ---------------------------------------------------------------- movements

    private void pending(Customer customer, UUID id, String jobId, String debit, long amount, String model) {
        account(debit).debitPending(amount);
        account(LedgerAccount.REVENUE).creditPending(amount);
        record(customer, new Transfer(id, LedgerEventTypes.HOLD_CREATED, debit, LedgerAccount.REVENUE, amount, null,
                null, customer.accountId(), jobId, model, null, customer.nextSequence(), now));
    }

    private void posted(Customer customer, UUID id, String type, String debit, String credit, long amount, String jobId,
                        String reason) {
        account(debit).debitPosted(amount);
        account(credit).creditPosted(amount);
        record(customer, new Transfer(id, type, debit, credit, amount, null, null, customer.accountId(), jobId, null,
                reason, customer.nextSequence(), now));
    }

    private void record(Customer customer, Transfer transfer) {
        if (!transferIds.add(transfer.id())) {
            throw new LedgerInvariantException("Transfer " + transfer.id() + " exists already");
        }
        transfers.add(transfer);
        Hold hold = transfer.jobId() == null ? null : holds.get(transfer.jobId());
        events.add(new Posted(transfer, new TransferData(transfer.id(), customer.accountId(), transfer.jobId(),
                transfer.debitAccount(), transfer.creditAccount(), transfer.amount(), transfer.pendingId(),
                transfer.heldAmount(), hold == null ? null : hold.price(), transfer.reason(), balance(customer),
                transfer.sequence(), now)));
    }

    /** Marks transfer ids that exist already in the store, so they are never created again. */
    public void knownTransfers(Set<UUID> ids) {
        transferIds.addAll(ids);
    }

    // ---------------------------------------------------------------- reading

    public long available(String accountId) {
        return account(LedgerAccount.planOf(accountId)).available() + account(LedgerAccount.topupOf(accountId)).available();
    }

    public LedgerBalance balance(Customer customer) {
        LedgerAccount plan = account(LedgerAccount.planOf(customer.accountId()));
        LedgerAccount topup = account(LedgerAccount.topupOf(customer.accountId()));
        long pending = plan.debitsPending() + topup.debitsPending();
        return new LedgerBalance(plan.available() + topup.available(), pending, plan.posted() + topup.posted(),
                customer.periodCaptured() + pending, customer.periodStart(), customer.periodEnd());
    }

    public Customer customer(String accountId) {
        return customers.get(accountId);
    }

    public Hold hold(String jobId) {
        return holds.get(jobId);
    }

    private LedgerAccount account(String id) {
        LedgerAccount account = accounts.get(id);
        if (account == null) {
            throw new IllegalStateException("Ledger account " + id + " is not loaded");
        }
        return account;
    }

    public Iterable<Customer> customers() {
        return customers.values();
    }

    public Iterable<LedgerAccount> accounts() {
        return accounts.values();
    }

    public Iterable<Hold> holds() {
        return holds.values();
    }

    public List<Transfer> transfers() {
        return transfers;
    }

    public List<Posted> events() {
        return events;
    }

    public Instant now() {
        return now;
    }
}
