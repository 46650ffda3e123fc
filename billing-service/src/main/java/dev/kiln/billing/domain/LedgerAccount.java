package dev.kiln.billing.domain;

/**
 * One ledger account with TigerBeetle's four balances. A customer account is credit-normal:
 * {@code posted = credits_posted - debits_posted}, {@code available = posted - debits_pending}, and
 * {@code debits_pending + debits_posted <= credits_posted} always holds. Mutable inside one
 * transaction's {@link LedgerBook}.
 */
public final class LedgerAccount {
    public static final String REVENUE = "platform:revenue";
    public static final String PLAN_GRANTS = "platform:plan-grants";
    public static final String TOPUPS = "platform:topups";
    public static final String EXPIRED = "platform:expired";

    private final String id;
    private final AccountKind kind;
    private final String customerId;
    private long debitsPending;
    private long debitsPosted;
    private long creditsPending;
    private long creditsPosted;
    private final long[] loaded;
    private boolean dirty;

    public LedgerAccount(String id, AccountKind kind, String customerId, long debitsPending, long debitsPosted,
                         long creditsPending, long creditsPosted) {
        this.id = id;
        this.kind = kind;
        this.customerId = customerId;
        this.debitsPending = debitsPending;
        this.debitsPosted = debitsPosted;
        this.creditsPending = creditsPending;
        this.creditsPosted = creditsPosted;
        this.loaded = new long[]{debitsPending, debitsPosted, creditsPending, creditsPosted};
    }

    public static String planOf(String customerId) {
        return customerId + ":plan";
    }

    public static String topupOf(String customerId) {
        return customerId + ":topup";
    }

    /** A customer's account that has not been written yet. */
    public static LedgerAccount newCustomerAccount(String id, AccountKind kind, String customerId) {
        LedgerAccount account = new LedgerAccount(id, kind, customerId, 0, 0, 0, 0);
        account.dirty = true;
        return account;
    }

    public long posted() {
        return creditsPosted - debitsPosted;
    }

    /** What can still be held or expired: posted minus pending debits. */
    public long available() {
        return creditsPosted - debitsPosted - debitsPending;
    }

    void debitPending(long amount) {
        debitsPending = Math.addExact(debitsPending, amount);
        check();
    }

    void creditPending(long amount) {
        creditsPending = Math.addExact(creditsPending, amount);
        check();
    }

    void debitPosted(long amount) {
        debitsPosted = Math.addExact(debitsPosted, amount);
        check();
    }

    void creditPosted(long amount) {
        creditsPosted = Math.addExact(creditsPosted, amount);
        check();
    }

    /** Resolves {@code held} pending debits, of which {@code posted} become posted. */
    void resolveDebit(long held, long posted) {
        debitsPending = Math.subtractExact(debitsPending, held);
        debitsPosted = Math.addExact(debitsPosted, posted);
        check();
    }

    void resolveCredit(long held, long posted) {
        creditsPending = Math.subtractExact(creditsPending, held);
        creditsPosted = Math.addExact(creditsPosted, posted);
        check();
    }

    private void check() {
        dirty = true;
        if (debitsPending < 0 || creditsPending < 0 || debitsPosted < 0 || creditsPosted < 0) {
            throw new LedgerInvariantException("Negative balance field on " + id);
        }
        if (kind.customer() && debitsPending + debitsPosted > creditsPosted) {
            throw new LedgerInvariantException("Customer account " + id + " would be overdrawn");
        }
    }

    public String id() {
        return id;
    }

    public AccountKind kind() {
        return kind;
    }

    public String customerId() {
        return customerId;
    }

    public long debitsPending() {
        return debitsPending;
    }

    public long debitsPosted() {
        return debitsPosted;
    }

    public long creditsPending() {
        return creditsPending;
    }

    public long creditsPosted() {
        return creditsPosted;
    }

    public boolean dirty() {
        return dirty;
    }

    /**
     * What changed since the account was loaded: {debits_pending, debits_posted, credits_pending,
     * credits_posted}. Platform accounts are written as these increments, not as absolute values.
     */
    public long[] delta() {
        return new long[]{debitsPending - loaded[0], debitsPosted - loaded[1], creditsPending - loaded[2],
                creditsPosted - loaded[3]};
    }
}
