package dev.kiln.billing.rest;

import dev.kiln.billing.persistence.CreditAccountEntity;
import dev.kiln.billing.persistence.CreditAccountRepository;
import dev.kiln.billing.persistence.LedgerEntryEntity;
import dev.kiln.billing.persistence.LedgerEntryRepository;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read-only view of credit accounts and their ledger, for operators and tests. */
@Path("/billing/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private static final int MAX_ENTRIES = 500;

    private final CreditAccountRepository accounts;
    private final LedgerEntryRepository entries;

    public AccountResource(CreditAccountRepository accounts, LedgerEntryRepository entries) {
        this.accounts = accounts;
        this.entries = entries;
    }

    /** The account's current balance. */
    @GET
    public AccountView account(@PathParam("accountId") String accountId) {
        CreditAccountEntity a = accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new NotFoundException("Unknown account " + accountId));
        return new AccountView(a.accountId, a.plan, a.quota, a.used, a.held, a.quota - a.used - a.held, a.sequence,
                a.updatedAt);
    }

    /** The account's ledger entries in sequence order, after {@code after_sequence}, at most {@code limit}. */
    @GET
    @Path("/entries")
    public List<EntryView> entries(@PathParam("accountId") String accountId,
                                   @QueryParam("after_sequence") @DefaultValue("0") long afterSequence,
                                   @QueryParam("limit") @DefaultValue("100") int limit) {
        if (accounts.findByIdOptional(accountId).isEmpty()) {
            throw new NotFoundException("Unknown account " + accountId);
        }
        return entries.page(accountId, afterSequence, Math.max(1, Math.min(limit, MAX_ENTRIES))).stream()
                .map(EntryView::of).toList();
    }

    public record AccountView(String accountId, String plan, long quota, long used, long held, long available,
                              long sequence, Instant updatedAt) {
    }

    public record EntryView(UUID entryId, String accountId, String jobId, String kind, long amount, long quotaAfter,
                            long usedAfter, long heldAfter, long availableAfter, long sequence, String model,
                            String reason, Instant createdAt) {
        static EntryView of(LedgerEntryEntity e) {
            return new EntryView(e.entryId, e.accountId, e.jobId, e.kind.wire().wire(), e.amount, e.quotaAfter,
                    e.usedAfter, e.heldAfter, e.availableAfter, e.sequence, e.model, e.reason, e.createdAt);
        }
    }
}
