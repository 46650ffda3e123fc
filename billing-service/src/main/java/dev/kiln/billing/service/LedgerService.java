package dev.kiln.billing.service;

import dev.kiln.billing.config.BillingConfig;
import dev.kiln.billing.domain.Customer;
import dev.kiln.billing.domain.LedgerAccount;
import dev.kiln.billing.domain.LedgerBook;
import dev.kiln.billing.domain.PeriodLength;
import dev.kiln.billing.domain.ReservationDecision;
import dev.kiln.billing.domain.TransferIds;
import dev.kiln.billing.persistence.LedgerStore;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.AccountPlanChanged;
import dev.kiln.contracts.events.Balance;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.PriceSnapshot;
import dev.kiln.platform.outbox.Outbox;
import dev.kiln.platform.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Billing's use cases. Each method runs in the caller's transaction (or its own): it locks the rows
 * it needs ({@link LedgerStore}), applies the ledger rules ({@link LedgerBook}), writes the changes
 * and puts every resulting event — ledger CloudEvents and reservation replies — in the outbox, all
 * or nothing. Batch methods handle many inputs in one transaction.
 */
@ApplicationScoped
@Transactional
public class LedgerService {
    private static final Logger LOG = Logger.getLogger(LedgerService.class);
    private static final String HOLD_EXPIRY_LOCK = "billing.hold-expiry";
    private static final String PERIODS_LOCK = "billing.periods";

    private final LedgerStore store;
    private final Outbox outbox;
    private final BillingConfig config;
    private final PlanCatalogue plans = PlanCatalogue.load();
    private final Counter lateSettlements;
    private final Counter expiredHolds;
    private final Clock clock;

    public LedgerService(LedgerStore store, Outbox outbox, BillingConfig config, MeterRegistry registry) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.clock = Clock.systemUTC();
        this.lateSettlements = Counter.builder("kiln.billing.holds.settled.after.expiry")
                .description("Jobs that ended after their hold had expired (nothing captured)").register(registry);
        this.expiredHolds = Counter.builder("kiln.billing.holds.expired")
                .description("Holds voided by the expiry sweep").register(registry);
    }

    // ------------------------------------------------------------------ accounts

    /** Opens the customer of a new account with its opening credits (once). */
    public void open(AccountOpened opened) {
        Instant now = clock.instant();
        if (!store.lockCustomers(List.of(opened.accountId())).isEmpty()) {
            LOG.debugf("Account %s already open", opened.accountId());
            return;
        }
        LedgerBook book = book(Map.of(), List.of(LedgerAccount.PLAN_GRANTS), Map.of(), now);
        Instant start = opened.occurredAt() == null ? now : opened.occurredAt();
        book.open(opened.accountId(), opened.plan(), plans.find(opened.plan()).map(PlanCatalogue.Plan::monthlyCredits)
                .orElse(0L), Math.max(0, opened.initialCredits()), start, periodLength().after(start));
        commit(book);
        LOG.infof("Opened %s (%s) with %d credits", opened.accountId(), opened.plan(), opened.initialCredits());
    }

    /** An operator's top-up, applied once per grant id. */
    public boolean grant(CreditsGranted granted) {
        if (granted.credits() <= 0 || granted.grantId() == null || granted.grantId().isBlank()) {
            LOG.warnf("Ignoring invalid grant %s of %d credits to %s", granted.grantId(), granted.credits(),
                    granted.accountId());
            return false;
        }
        Map<String, Customer> customers = store.lockCustomers(List.of(granted.accountId()));
        if (customers.isEmpty()) {
            LOG.warnf("Grant %s names unknown account %s; ignored", granted.grantId(), granted.accountId());
            return false;
        }
        LedgerBook book = book(customers, List.of(LedgerAccount.TOPUPS), Map.of(), clock.instant());
        book.knownTransfers(store.existingTransfers(List.of(TransferIds.topup(granted.accountId(), granted.grantId()))));
        boolean applied = book.grantTopup(granted.accountId(), granted.grantId(), granted.credits(), granted.reason());
        commit(book);
        return applied;
    }

    /** Records the new plan; its credits are granted from the next period on. */
    public void changePlan(AccountPlanChanged changed) {
        Map<String, Customer> customers = store.lockCustomers(List.of(changed.accountId()));
        LedgerBook book = book(customers, List.of(), Map.of(), clock.instant());
        if (book.changePlan(changed.accountId(), changed.plan(), changed.monthlyCredits())) {
            commit(book);
            LOG.infof("Plan of %s is now %s (%d credits from the next period)", changed.accountId(), changed.plan(),
                    changed.monthlyCredits());
        }
    }

    // ------------------------------------------------------------------ holds

    /**
     * Answers job requests: holds each price or rejects it, publishing {@link CreditsReserved} or
     * {@link ReservationRejected}. Requests that already have an answer are skipped.
     *
     * @return the decisions taken now, by job id
     */
    public Map<String, ReservationDecision> reserve(List<JobRequested> requests) {
        Map<String, JobRequested> byJob = new LinkedHashMap<>();
        for (JobRequested r : requests) {
            byJob.putIfAbsent(r.jobId(), r);
        }
        store.decided(byJob.keySet()).forEach(byJob::remove);
        if (byJob.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Set<String> accountIds = new HashSet<>();
        byJob.values().forEach(r -> accountIds.add(r.accountId()));
        Map<String, Customer> customers = store.lockCustomers(accountIds);
        Map<String, dev.kiln.billing.domain.Hold> existing = store.lockHolds(byJob.keySet());
        LedgerBook book = book(customers, List.of(LedgerAccount.REVENUE), existing, now);

        Map<String, ReservationDecision> decisions = new LinkedHashMap<>();
        Map<String, String> accountOfJob = new HashMap<>();
        List<OutboxMessage> replies = new ArrayList<>();
        for (JobRequested request : byJob.values()) {
            if (existing.containsKey(request.jobId())) {
                continue; // held before decisions were recorded separately; never hold twice
            }
            boolean expired = request.expiresAt() != null && now.isAfter(request.expiresAt());
            LedgerBook.Reservation outcome = book.reserve(request.jobId(), request.accountId(), snapshot(request),
                    expired, config.holdTtl());
            ReservationDecision decision = ReservationDecision.of(outcome);
            decisions.put(request.jobId(), decision);
            accountOfJob.put(request.jobId(), request.accountId());
            String jobId = request.jobId();
            if (outcome.reserved()) {
                LedgerBalance b = outcome.balance();
                replies.add(OutboxMessage.of(Topics.RESERVATIONS, jobId, new CreditsReserved(EventIds.of(jobId, "reserved"),
                        now, jobId, request.accountId(), request.priceCredits(),
                        new Balance(b.periodQuota(), b.periodUsed() - b.pending(), b.pending(), b.available()), request)));
            } else {
                replies.add(OutboxMessage.of(Topics.RESERVATIONS, jobId, new ReservationRejected(
                        EventIds.of(jobId, "rejected"), now, jobId, request.accountId(), decision.reason(),
                        decision.required(), decision.available())));
                LOG.infof("Rejected job %s of %s: %s (required %d, available %d)", jobId, request.accountId(),
                        decision.reason(), decision.required(), decision.available());
            }
        }
        store.insertDecisions(accountOfJob, decisions);
        outbox.publishAll(replies);
        commit(book);
        return decisions;
    }

    /**
     * Settles finished jobs: a succeeded job's hold is posted (captured per the price snapshot and
     * the outputs delivered), a failed job's hold voided. Other statuses, unknown jobs and holds
     * resolved before change nothing (a hold that expired first is flagged once).
     *
     * @return the outcome per job
     */
    public Map<String, LedgerBook.Settlement> settle(List<JobStatusChanged> changes) {
        Map<String, JobStatusChanged> byJob = new LinkedHashMap<>();
        for (JobStatusChanged c : changes) {
            if (c.status() == JobStatus.SUCCEEDED || c.status() == JobStatus.FAILED) {
                byJob.putIfAbsent(c.jobId(), c);
            }
        }
        if (byJob.isEmpty()) {
            return Map.of();
        }
        Map<String, String> customerOfJob = store.customersOfHolds(byJob.keySet());
        Map<String, Customer> customers = store.lockCustomers(new HashSet<>(customerOfJob.values()));
        Map<String, dev.kiln.billing.domain.Hold> holds = store.lockHolds(customerOfJob.keySet());
        LedgerBook book = book(customers, List.of(LedgerAccount.REVENUE), holds, clock.instant());
        book.knownTransfers(store.existingTransfers(
                customerOfJob.keySet().stream().map(TransferIds::lateSettlement).toList()));
        Map<String, LedgerBook.Settlement> outcomes = new LinkedHashMap<>();
        for (JobStatusChanged change : byJob.values()) {
            LedgerBook.Settlement outcome = change.status() == JobStatus.SUCCEEDED
                    ? book.post(change.jobId(), change.outputs().size())
                    : book.voidHold(change.jobId());
            outcomes.put(change.jobId(), outcome);
            if (outcome == LedgerBook.Settlement.NO_HOLD) {
                LOG.warnf("No hold for job %s (status %s); ignored", change.jobId(), change.status().wire());
            } else if (outcome == LedgerBook.Settlement.SETTLED_AFTER_EXPIRY) {
                lateSettlements.increment();
                LOG.warnf("Job %s ended (%s) after its hold expired; nothing captured", change.jobId(),
                        change.status().wire());
            }
        }
        commit(book);
        return outcomes;
    }

    /**
     * Voids holds whose TTL passed. One replica sweeps at a time (advisory lock); the rest skip.
     *
     * @return how many holds expired
     */
    public int expireHolds(Instant now) {
        if (!store.tryExclusive(HOLD_EXPIRY_LOCK)) {
            return 0;
        }
        Map<String, String> due = store.expiredHolds(now, config.sweep().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, Customer> customers = store.lockCustomers(new HashSet<>(due.values()));
        Map<String, dev.kiln.billing.domain.Hold> holds = store.lockHolds(due.keySet());
        LedgerBook book = book(customers, List.of(LedgerAccount.REVENUE), holds, now);
        int expired = 0;
        for (String jobId : due.keySet()) {
            if (book.expireHold(jobId) == LedgerBook.Settlement.EXPIRED) {
                expired++;
            }
        }
        commit(book);
        expiredHolds.increment(expired);
        if (expired > 0) {
            LOG.infof("Expired %d holds past their TTL", expired);
        }
        return expired;
    }

    /**
     * Closes plan periods that ended: expires (or rolls over) unused plan credits and grants the
     * plan's credits for the new period. One replica at a time.
     *
     * @return how many customers moved to a new period
     */
    public int closePeriods(Instant now) {
        if (!store.tryExclusive(PERIODS_LOCK)) {
            return 0;
        }
        List<String> ended = store.periodsEnded(now, config.sweep().batchSize());
        if (ended.isEmpty()) {
            return 0;
        }
        Map<String, Customer> customers = store.lockCustomers(ended);
        LedgerBook book = book(customers, List.of(LedgerAccount.PLAN_GRANTS, LedgerAccount.EXPIRED), Map.of(), now);
        int moved = 0;
        boolean rollOver = config.period().unusedPlanCredits() == BillingConfig.UnusedCredits.ROLL_OVER;
        for (String accountId : ended) {
            if (book.closePeriods(accountId, rollOver, config.period().expireTopups(), periodLength()) > 0) {
                moved++;
            }
        }
        commit(book);
        LOG.infof("Closed the plan periods of %d accounts", moved);
        return moved;
    }

    // ------------------------------------------------------------------ plumbing

    private LedgerBook book(Map<String, Customer> customers, List<String> platformAccounts,
                            Map<String, dev.kiln.billing.domain.Hold> holds, Instant now) {
        Set<String> ids = new HashSet<>();
        for (String customer : customers.keySet()) {
            ids.add(LedgerAccount.planOf(customer));
            ids.add(LedgerAccount.topupOf(customer));
        }
        Map<String, LedgerAccount> accounts = new HashMap<>(store.lockAccounts(ids));
        accounts.putAll(store.readPlatformAccounts(platformAccounts));
        return new LedgerBook(customers, accounts, holds, now);
    }

    /** Writes the book and its events; the last statements of the transaction (platform increments last). */
    private void commit(LedgerBook book) {
        if (book.transfers().isEmpty() && !anyDirty(book)) {
            return;
        }
        store.write(book);
        List<OutboxMessage> messages = new ArrayList<>(book.events().size());
        for (LedgerBook.Posted posted : book.events()) {
            var t = posted.transfer();
            LedgerEvent event = new LedgerEvent(t.id(), t.type(), t.customerId(), t.createdAt(), posted.data());
            messages.add(new OutboxMessage(Topics.LEDGER, t.customerId(), t.id(), t.type(),
                    new String(LedgerCloudEvents.encode(event), StandardCharsets.UTF_8), LedgerCloudEvents.CONTENT_TYPE));
        }
        outbox.publishAll(messages);
        store.applyPlatformDeltas(book);
    }

    private static boolean anyDirty(LedgerBook book) {
        for (Customer c : book.customers()) {
            if (c.dirty()) {
                return true;
            }
        }
        return false;
    }

    private PeriodLength periodLength() {
        return config.period().fixedLength().map(d -> new PeriodLength(0, d))
                .orElseGet(() -> PeriodLength.months(config.period().months()));
    }

    /** The price fixed at submit: what the gateway priced from the catalogue, with the options it priced. */
    static PriceSnapshot snapshot(JobRequested request) {
        var spec = request.spec();
        Map<String, String> options = spec == null ? Map.of() : spec.options();
        int units = 1;
        String n = options.get("num_images");
        if (n != null && n.matches("[1-9][0-9]{0,2}")) {
            units = Integer.parseInt(n);
        }
        return new PriceSnapshot(request.priceCredits(), spec == null ? null : spec.model(), options, units);
    }
}
