package dev.kiln.billing.domain;

import dev.kiln.contracts.ledger.LedgerEventTypes;
import dev.kiln.contracts.ledger.PriceSnapshot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger rules alone (no database): any sequence of reservations, posts (full or partial),
 * voids, expiries, repeated settlements, top-ups and period ends over several accounts keeps every
 * invariant. The same invariants are checked against PostgreSQL by {@code LedgerScenariosTest}.
 */
class LedgerBookProperties {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static final List<String> ACCOUNTS = List.of("acc_a", "acc_b", "acc_c");

    sealed interface Op permits Reserve, Post, VoidIt, Expire, TopUp {
    }

    record Reserve(int job, int account, long price, int units) implements Op {
    }

    record Post(int job, int delivered) implements Op {
    }

    record VoidIt(int job) implements Op {
    }

    record Expire(int job) implements Op {
    }

    record TopUp(int account, long credits) implements Op {
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> job = Arbitraries.integers().between(0, 30);
        Arbitrary<Integer> account = Arbitraries.integers().between(0, ACCOUNTS.size() - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Combinators.combine(job, account, Arbitraries.longs().between(0, 40),
                        Arbitraries.integers().between(1, 4)).as(Reserve::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(job, Arbitraries.integers().between(0, 5)).as(Post::new)),
                net.jqwik.api.Tuple.of(2, job.map(VoidIt::new)),
                net.jqwik.api.Tuple.of(1, job.map(Expire::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(account, Arbitraries.longs().between(1, 50)).as(TopUp::new)));
    }

    @Property(tries = 500)
    void everyInvariantHoldsAfterAnySequence(@ForAll @Size(min = 1, max = 80) List<@From("ops") Op> ops,
                                             @ForAll boolean rollOver) {
        Instant now = T0;
        Map<String, Customer> customers = new HashMap<>();
        Map<String, LedgerAccount> accounts = new HashMap<>();
        for (String id : List.of(LedgerAccount.REVENUE, LedgerAccount.PLAN_GRANTS, LedgerAccount.TOPUPS,
                LedgerAccount.EXPIRED)) {
            accounts.put(id, new LedgerAccount(id, kindOf(id), null, 0, 0, 0, 0));
        }
        LedgerBook book = new LedgerBook(customers, accounts, Map.of(), now);
        for (String a : ACCOUNTS) {
            book.open(a, "free", 30, 60, T0, T0.plus(Duration.ofDays(30)));
        }
        Set<String> reserved = new HashSet<>();
        Map<String, Long> expectedCapture = new HashMap<>();
        int grants = 0;
        for (Op op : ops) {
            switch (op) {
                case Reserve r -> {
                    String job = "job_" + r.job();
                    if (reserved.contains(job)) {
                        continue; // the service answers a job once; LedgerBook is never asked twice
                    }
                    String account = ACCOUNTS.get(r.account());
                    long before = book.available(account);
                    var outcome = book.reserve(job, account, new PriceSnapshot(r.price(), "m", Map.of(), r.units()),
                            false, TTL);
                    assertThat(outcome.reserved()).isEqualTo(r.price() <= before);
                    assertThat(book.available(account)).isEqualTo(outcome.reserved() ? before - r.price() : before);
                    if (outcome.reserved()) {
                        reserved.add(job);
                    }
                }
                case Post p -> {
                    Hold hold = book.hold("job_" + p.job());
                    var result = book.post("job_" + p.job(), p.delivered());
                    if (result == LedgerBook.Settlement.POSTED) {
                        long expected = CaptureRule.captured(hold.price().credits(), hold.price().units(), p.delivered());
                        assertThat(hold.captured()).isEqualTo(expected).isLessThanOrEqualTo(hold.amount());
                        expectedCapture.put(hold.jobId(), expected);
                    }
                }
                case VoidIt v -> book.voidHold("job_" + v.job());
                case Expire e -> {
                    Hold hold = book.hold("job_" + e.job());
                    if (hold != null && !hold.state().resolved()) {
                        assertThat(book.expireHold(hold.jobId())).as("not due before its TTL")
                                .isEqualTo(LedgerBook.Settlement.NOT_DUE);
                    }
                }
                case TopUp t -> book.grantTopup(ACCOUNTS.get(t.account()), "grant_" + grants++, t.credits(), "top-up");
            }
            assertInvariants(book, book.transfers());
        }
        // a period end, then every hold past its TTL expires in a book "later"
        Map<String, Hold> holds = new HashMap<>();
        book.holds().forEach(h -> holds.put(h.jobId(), h));
        LedgerBook later = new LedgerBook(customersOf(book), accountsOf(book), holds, now.plus(Duration.ofDays(31)));
        for (String a : ACCOUNTS) {
            later.closePeriods(a, rollOver, false, PeriodLength.months(1));
        }
        for (Hold h : holds.values()) {
            later.expireHold(h.jobId());
            assertThat(h.state().resolved()).isTrue();
            assertThat(later.post(h.jobId(), 1)).isIn(LedgerBook.Settlement.ALREADY_RESOLVED,
                    LedgerBook.Settlement.SETTLED_AFTER_EXPIRY);
        }
        List<Transfer> all = new java.util.ArrayList<>(book.transfers());
        all.addAll(later.transfers());
        assertInvariants(later, all);
        for (String a : ACCOUNTS) {
            LedgerAccount plan = accountsOf(later).get(LedgerAccount.planOf(a));
            assertThat(plan.debitsPending()).as("nothing pending after every hold expired").isZero();
        }
        expectedCapture.forEach((job, captured) -> assertThat(holds.get(job).captured()).isEqualTo(captured));
    }

    /** Double entry, no overdraft, balances = sums of transfers, each hold resolved once. */
    private static void assertInvariants(LedgerBook book, List<Transfer> transfers) {
        long dp = 0, dd = 0, cp = 0, cd = 0;
        for (LedgerAccount a : book.accounts()) {
            dp += a.debitsPending();
            dd += a.debitsPosted();
            cp += a.creditsPending();
            cd += a.creditsPosted();
            if (a.kind().customer()) {
                assertThat(a.debitsPending() + a.debitsPosted()).as("no overdraft on %s", a.id())
                        .isLessThanOrEqualTo(a.creditsPosted());
            }
        }
        assertThat(dd).as("posted debits = posted credits").isEqualTo(cd);
        assertThat(dp).as("pending debits = pending credits").isEqualTo(cp);

        Set<UUID> resolved = new HashSet<>();
        Map<UUID, Long> pendingAmounts = new HashMap<>();
        for (Transfer t : transfers) {
            if (t.type().equals(LedgerEventTypes.HOLD_CREATED)) {
                pendingAmounts.put(t.id(), t.amount());
            }
            if (t.pendingId() != null) {
                assertThat(resolved.add(t.pendingId())).as("hold resolved once").isTrue();
                assertThat(t.amount()).isLessThanOrEqualTo(pendingAmounts.get(t.pendingId()));
            }
        }
    }

    private static AccountKind kindOf(String id) {
        return switch (id) {
            case LedgerAccount.REVENUE -> AccountKind.REVENUE;
            case LedgerAccount.PLAN_GRANTS -> AccountKind.PLAN_GRANTS;
            case LedgerAccount.TOPUPS -> AccountKind.TOPUPS;
            default -> AccountKind.EXPIRED;
        };
    }

    private static Map<String, Customer> customersOf(LedgerBook book) {
        Map<String, Customer> map = new HashMap<>();
        book.customers().forEach(c -> map.put(c.accountId(), c));
        return map;
    }

    private static Map<String, LedgerAccount> accountsOf(LedgerBook book) {
        Map<String, LedgerAccount> map = new HashMap<>();
        book.accounts().forEach(a -> map.put(a.id(), a));
        return map;
    }
}
