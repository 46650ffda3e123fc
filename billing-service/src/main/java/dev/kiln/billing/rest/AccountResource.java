package dev.kiln.billing.rest;

import dev.kiln.billing.service.LedgerQueries;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Read-only view of an account's ledger, for operators and finance tooling (internal port). */
@Path("/billing/v1/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private static final int MAX_TRANSFERS = 500;

    private final LedgerQueries queries;

    public AccountResource(LedgerQueries queries) {
        this.queries = queries;
    }

    /** Balances (available / pending / posted), plan and period, and the account's ledger accounts. */
    @GET
    public LedgerQueries.AccountView account(@PathParam("accountId") String accountId) {
        return queries.account(accountId).orElseThrow(() -> new NotFoundException("Unknown account " + accountId));
    }

    /** The account's transfers in sequence order, after {@code after_sequence}, at most {@code limit}. */
    @GET
    @Path("/transfers")
    public List<LedgerQueries.TransferView> transfers(@PathParam("accountId") String accountId,
                                                      @QueryParam("after_sequence") @DefaultValue("0") long afterSequence,
                                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        if (queries.account(accountId).isEmpty()) {
            throw new NotFoundException("Unknown account " + accountId);
        }
        return queries.transfers(accountId, afterSequence, Math.max(1, Math.min(limit, MAX_TRANSFERS)));
    }
}
