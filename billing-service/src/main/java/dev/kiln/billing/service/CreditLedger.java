package dev.kiln.billing.service;

import dev.kiln.billing.domain.Credits;
import dev.kiln.billing.domain.EntryIds;
import dev.kiln.billing.domain.EntryKind;
import dev.kiln.billing.domain.HoldState;
import dev.kiln.billing.domain.ReservationDecision;
import dev.kiln.billing.persistence.CreditAccountEntity;
import dev.kiln.billing.persistence.CreditAccountRepository;
import dev.kiln.billing.persistence.HoldEntity;
import dev.kiln.billing.persistence.HoldRepository;
import dev.kiln.billing.persistence.LedgerEntryEntity;
import dev.kiln.billing.persistence.LedgerEntryRepository;
import dev.kiln.billing.persistence.ReservationDecisionRepository;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.LedgerEntryRecorded;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Every credit movement: opening grants, holds for requested jobs, and their settlement. Each method
 * runs in the caller's transaction, changes the account under a row lock, writes the immutable
 * ledger entry and puts the resulting events in the outbox, all or nothing.
 */
@ApplicationScoped
@Transactional
public class CreditLedger {
    private static final Logger LOG = Logger.getLogger(CreditLedger.class);

    private final CreditAccountRepository accounts;
    private final HoldRepository holds;
    private final LedgerEntryRepository entries;
    private final ReservationDecisionRepository decisions;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public CreditLedger(CreditAccountRepository accounts, HoldRepository holds, LedgerEntryRepository entries,
                        ReservationDecisionRepository decisions, Outbox outbox) {
        this.accounts = accounts;
        this.holds = holds;
        this.entries = entries;
        this.decisions = decisions;
        this.outbox = outbox;
    }

    /** Opens the credit account of a new account with its initial credits (once). */
    public void openAccount(AccountOpened opened) {
        if (accounts.findByIdOptional(opened.accountId()).isPresent()) {
            LOG.debugf("Account %s already open", opened.accountId());
            return;
        }
        Instant now = clock.instant();
        CreditAccountEntity account = new CreditAccountEntity();
        account.accountId = opened.accountId();
        account.plan = opened.plan();
        account.sequence = 0;
        Credits credits = Credits.opened(0).grant(Math.max(0, opened.initialCredits()));
        long sequence = account.apply(credits, now);
        accounts.persist(account);
        accounts.flush(); // the entry references the account
        record(EntryIds.openingGrant(account.accountId), account, null, null, EntryKind.GRANT,
                credits.quota(), credits, sequence, now);
        LOG.infof("Opened credit account %s with %d credits", account.accountId, credits.quota());
    }

    /**
     * Applies an operator's grant once per grant id: raises the quota, records a GRANT entry (id
     * {@link EntryIds#grant}) and publishes it. A grant for an unknown account is logged and
     * dropped (grants and openings share a partition, so the opening is always read first).
     *
     * @return whether the grant was applied now
     */
    public boolean grant(CreditsGranted granted) {
        if (granted.credits() <= 0 || granted.grantId() == null || granted.grantId().isBlank()) {
            LOG.warnf("Ignoring invalid grant %s of %d credits to %s", granted.grantId(), granted.credits(),
                    granted.accountId());
            return false;
        }
        UUID entryId = EntryIds.grant(granted.accountId(), granted.grantId());
        Optional<CreditAccountEntity> locked = accounts.lock(granted.accountId());
        if (locked.isEmpty()) {
            LOG.warnf("Grant %s names unknown account %s; ignored", granted.grantId(), granted.accountId());
            return false;
        }
        if (entries.findByIdOptional(entryId).isPresent()) {
            LOG.debugf("Grant %s already applied", granted.grantId());
            return false;
        }
        CreditAccountEntity account = locked.get();
        Instant now = clock.instant();
        Credits after = account.credits().grant(granted.credits());
        long sequence = account.apply(after, now);
        record(entryId, account, null, null, EntryKind.GRANT, granted.credits(), after, sequence, now,
                granted.reason());
        LOG.infof("Granted %d credits to %s (grant %s: %s)", granted.credits(), account.accountId,
                granted.grantId(), granted.reason());
        return true;
    }

    /**
     * Answers a job request once: holds its price and publishes {@link CreditsReserved}, or publishes
     * {@link ReservationRejected}. A request that already has an answer changes nothing.
     */
    public ReservationDecision reserve(JobRequested request) {
        String jobId = request.jobId();
        if (decisions.exists(jobId) || holds.findByIdOptional(jobId).isPresent()) {
            LOG.debugf("Job %s already has a reservation decision", jobId);
            return null;
        }
        Instant now = clock.instant();
        boolean expired = request.expiresAt() != null && now.isAfter(request.expiresAt());
        // An expired request is never charged: answer without touching (or locking) the account.
        Optional<CreditAccountEntity> account = expired
                ? accounts.findByIdOptional(request.accountId())
                : accounts.lock(request.accountId());
        Credits before = account.map(CreditAccountEntity::credits).orElse(null);
        ReservationDecision decision = ReservationDecision.decide(expired, before, request.priceCredits());
        if (!decisions.claim(jobId, request.accountId(), decision)) {
            LOG.debugf("Job %s was decided concurrently", jobId);
            return null;
        }
        if (decision.outcome() == ReservationDecision.Outcome.REJECTED) {
            outbox.publish(Topics.RESERVATIONS, jobId, new ReservationRejected(EventIds.of(jobId, "rejected"), now,
                    jobId, request.accountId(), decision.reason(), decision.required(), decision.available()));
            LOG.infof("Rejected job %s of %s: %s (required %d, available %d)", jobId, request.accountId(),
                    decision.reason(), decision.required(), decision.available());
            return decision;
        }
        CreditAccountEntity locked = account.orElseThrow();
        long price = request.priceCredits();
        Credits after = before.hold(price);
        long sequence = locked.apply(after, now);

        HoldEntity hold = new HoldEntity();
        hold.jobId = jobId;
        hold.accountId = locked.accountId;
        hold.amount = price;
        hold.model = request.spec() == null ? null : request.spec().model();
        hold.state = HoldState.HELD;
        hold.createdAt = now;
        holds.persist(hold);

        record(EntryIds.forJob(jobId, EntryKind.HOLD), locked, jobId, hold.model, EntryKind.HOLD, price, after,
                sequence, now);
        outbox.publish(Topics.RESERVATIONS, jobId, new CreditsReserved(EventIds.of(jobId, "reserved"), now, jobId,
                locked.accountId, price, after.balance(), request));
        LOG.infof("Reserved %d credits for job %s of %s", price, jobId, locked.accountId);
        return decision;
    }

    /**
     * Settles a finished job's hold: captures it when the job succeeded, releases it when it failed.
     * A hold is resolved at most once; other statuses and unknown jobs change nothing.
     */
    public void settle(JobStatusChanged change) {
        if (change.status() != JobStatus.SUCCEEDED && change.status() != JobStatus.FAILED) {
            return;
        }
        String jobId = change.jobId();
        Optional<String> accountId = holds.accountOf(jobId);
        if (accountId.isEmpty()) {
            LOG.warnf("No hold for job %s (status %s); ignored", jobId, change.status().wire());
            return;
        }
        // Lock order: account, then hold (the same order as reserve), so settlements never deadlock.
        CreditAccountEntity account = accounts.lock(accountId.get()).orElseThrow();
        HoldEntity hold = holds.lock(jobId).orElseThrow();
        if (hold.state.resolved()) {
            LOG.debugf("Hold of job %s already %s", jobId, hold.state);
            return;
        }
        Instant now = clock.instant();
        boolean capture = change.status() == JobStatus.SUCCEEDED;
        Credits after = capture ? account.credits().capture(hold.amount) : account.credits().release(hold.amount);
        long sequence = account.apply(after, now);
        hold.state = capture ? HoldState.CAPTURED : HoldState.RELEASED;
        hold.resolvedAt = now;
        EntryKind kind = capture ? EntryKind.CAPTURE : EntryKind.RELEASE;
        record(EntryIds.forJob(jobId, kind), account, jobId, hold.model, kind, hold.amount, after, sequence, now);
        LOG.infof("%s %d credits of job %s for %s", capture ? "Captured" : "Released", hold.amount, jobId,
                account.accountId);
    }

    /** Inserts the immutable ledger entry and publishes it to the ledger topic. */
    private void record(UUID entryId, CreditAccountEntity account, String jobId, String model,
                        EntryKind kind, long amount, Credits after, long sequence, Instant now) {
        record(entryId, account, jobId, model, kind, amount, after, sequence, now, null);
    }

    /** Inserts the immutable ledger entry (with the grant's reason, if any) and publishes it. */
    private void record(UUID entryId, CreditAccountEntity account, String jobId, String model,
                        EntryKind kind, long amount, Credits after, long sequence, Instant now, String reason) {
        LedgerEntryEntity entry = new LedgerEntryEntity();
        entry.entryId = entryId;
        entry.accountId = account.accountId;
        entry.jobId = jobId;
        entry.kind = kind;
        entry.amount = amount;
        entry.quotaAfter = after.quota();
        entry.usedAfter = after.used();
        entry.heldAfter = after.held();
        entry.availableAfter = after.available();
        entry.sequence = sequence;
        entry.model = model;
        entry.reason = reason;
        entry.createdAt = now;
        entries.persist(entry);
        outbox.publish(Topics.LEDGER, account.accountId, new LedgerEntryRecorded(entryId, now, jobId,
                account.accountId, kind.wire(), amount, after.balance(), sequence, model));
    }
}
