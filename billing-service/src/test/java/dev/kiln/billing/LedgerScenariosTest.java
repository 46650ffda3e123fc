package dev.kiln.billing;

import dev.kiln.billing.domain.CaptureRule;
import dev.kiln.billing.messaging.BillingConsumers;
import dev.kiln.billing.service.LedgerQueries;
import dev.kiln.billing.service.Reconciliation;
import dev.kiln.billing.service.Sweeps;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings against the real ledger in PostgreSQL, through billing's own consumers
 * (inbox, batches, one transaction per batch): reservations and settlements on two threads at once
 * over shared accounts, every event possibly redelivered (the same event again, or the same fact
 * under a new event id), contradicting late statuses, top-ups and the expiry sweep. After each
 * scenario every reconciliation invariant holds and every balance equals what the settled jobs
 * imply. Seeds are logged; {@code -Dkiln.scenario.seed=N} replays one.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class LedgerScenariosTest {
    private static final Logger LOG = Logger.getLogger(LedgerScenariosTest.class);
    private static final int SCENARIOS = Integer.getInteger("kiln.scenarios", 12);

    @Inject
    BillingConsumers consumers;
    @Inject
    Reconciliation reconciliation;
    @Inject
    LedgerQueries queries;
    @Inject
    Sweeps sweeps;
    @Inject
    EntityManager em;

    @Test
    void randomInterleavingsKeepEveryInvariant() throws Exception {
        long base = Long.getLong("kiln.scenario.seed", System.nanoTime());
        int runs = System.getProperty("kiln.scenario.seed") != null ? 1 : SCENARIOS;
        for (int i = 0; i < runs; i++) {
            long seed = base + i;
            LOG.infof("Scenario seed %d", seed);
            runScenario(new Random(seed), seed);
        }
    }

    @Test
    void everyEventDeliveredTwiceGivesTheSameBalancesAsOnce() {
        long seed = Long.getLong("kiln.scenario.seed", System.nanoTime());
        LOG.infof("Redelivery seed %d", seed);
        Random random = new Random(seed);
        List<String> once = accounts(3, "once");
        List<String> twice = accounts(3, "twice");
        List<Long> credits = List.of(40L + random.nextInt(40), 40L + random.nextInt(40), 40L + random.nextInt(40));
        for (int a = 0; a < 3; a++) {
            open(once.get(a), credits.get(a));
            open(twice.get(a), credits.get(a));
        }
        // one script of facts, applied to two sets of accounts: once each, and each event twice
        List<Step> script = script(random, 60);
        for (Step step : script) {
            apply(step.forAccounts(once), 1, random);
        }
        List<Step> doubled = new ArrayList<>();
        for (Step step : script) {
            doubled.add(step.forAccounts(twice));
        }
        for (Step step : withLateRedeliveries(doubled, random)) {
            apply(step, 1, random);
        }
        for (int a = 0; a < 3; a++) {
            var x = queries.account(once.get(a)).orElseThrow();
            var y = queries.account(twice.get(a)).orElseThrow();
            assertThat(List.of(y.available(), y.pending(), y.posted(), y.periodUsed()))
                    .as("seed %d, account %d", seed, a)
                    .isEqualTo(List.of(x.available(), x.pending(), x.posted(), x.periodUsed()));
        }
        assertThat(reconciliation.run().violations()).as("seed %d", seed).allSatisfy((k, v) -> assertThat(v).isZero());
    }

    // ------------------------------------------------------------------ scenario

    private void runScenario(Random random, long seed) throws Exception {
        List<String> accounts = accounts(4, "s");
        Map<String, Long> granted = new HashMap<>();
        for (String account : accounts) {
            long credits = random.nextInt(80);
            open(account, credits);
            granted.put(account, credits);
        }
        int jobs = 60 + random.nextInt(60);
        Map<String, JobRequested> requests = new LinkedHashMap<>();
        for (int j = 0; j < jobs; j++) {
            String account = accounts.get(random.nextInt(accounts.size()));
            String job = "job_" + UUID.randomUUID().toString().replace("-", "");
            requests.put(job, request(job, account, random.nextInt(25), 1 + random.nextInt(3)));
        }
        // requests on one thread, statuses (only for answered requests) on another, both in random batches
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Map<String, JobStatusChanged> firstEnd = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> requester = pool.submit(() -> {
                List<JobRequested> all = new ArrayList<>(requests.values());
                int i = 0;
                while (i < all.size()) {
                    int n = 1 + random.nextInt(12);
                    List<KilnEvent> batch = new ArrayList<>();
                    for (JobRequested r : all.subList(i, Math.min(all.size(), i + n))) {
                        batch.add(r);
                        if (randomBoolean(r.jobId(), 3)) {
                            batch.add(r); // redelivered within the batch
                        }
                        if (randomBoolean(r.jobId() + "copy", 5)) {
                            batch.add(copy(r)); // the same request under a new event id
                        }
                    }
                    consumers.onJobRequests(batch);
                    batch.forEach(e -> answered.add(e.jobId()));
                    i += n;
                }
                return null;
            });
            Future<?> settler = pool.submit(() -> {
                Set<String> done = new java.util.HashSet<>();
                while (!requester.isDone() || done.size() < answered.size()) {
                    List<KilnEvent> batch = new ArrayList<>();
                    for (String job : answered) {
                        if (done.contains(job) || batch.size() > 10) {
                            continue;
                        }
                        JobRequested r = requests.get(job);
                        JobStatusChanged end = end(r, deterministic(job).nextInt(4) == 0 ? JobStatus.FAILED
                                : JobStatus.SUCCEEDED, deterministic(job).nextInt(3));
                        firstEnd.put(job, end);
                        batch.add(end);
                        if (randomBoolean(job + "dup", 3)) {
                            batch.add(end);
                        }
                        if (randomBoolean(job + "contra", 4)) { // a contradicting late status: changes nothing
                            batch.add(end(r, end.status() == JobStatus.FAILED ? JobStatus.SUCCEEDED : JobStatus.FAILED, 1));
                        }
                        done.add(job);
                    }
                    if (!batch.isEmpty()) {
                        consumers.onJobStatuses(orderPerJob(batch));
                    } else {
                        Thread.onSpinWait();
                    }
                }
                return null;
            });
            // top-ups arrive meanwhile
            for (String account : accounts) {
                long credits = 1 + random.nextInt(30);
                String grant = "grant_" + UUID.randomUUID();
                CreditsGranted event = new CreditsGranted(EventIds.of(grant, "granted"), Instant.now(), null, account,
                        credits, "scenario", grant);
                consumers.onAccountEvent(event);
                consumers.onAccountEvent(event);
                granted.merge(account, credits, Long::sum);
            }
            requester.get();
            settler.get();
        } finally {
            pool.shutdownNow();
        }

        // the expiry sweep runs "later" too: holds of this scenario are all settled, so it finds nothing of theirs
        assertThat(reconciliation.run().violations()).as("seed %d", seed).allSatisfy((k, v) -> assertThat(v).isZero());

        Map<String, Long> expectedAvailable = new HashMap<>(granted);
        @SuppressWarnings("unchecked")
        List<String> reserved = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT job_id FROM reservation_decisions WHERE outcome = 'RESERVED' AND job_id = ANY (CAST(?1 AS varchar[]))")
                .setParameter(1, requests.keySet().toArray(String[]::new)).getResultList());
        for (String job : reserved) {
            JobRequested r = requests.get(job);
            JobStatusChanged end = firstEnd.get(job);
            long captured = end.status() == JobStatus.SUCCEEDED
                    ? CaptureRule.captured(r.priceCredits(), units(r), end.outputs().size()) : 0;
            expectedAvailable.merge(r.accountId(), -captured, Long::sum);
        }
        for (String account : accounts) {
            var view = queries.account(account).orElseThrow();
            assertThat(view.pending()).as("seed %d: nothing left pending", seed).isZero();
            assertThat(view.available()).as("seed %d: balance of %s", seed, account)
                    .isEqualTo(expectedAvailable.get(account));
        }
        assertThat(reserved.size()).as("some requests must have been reservable").isPositive();
    }

    // ------------------------------------------------------------------ redelivery script

    private record Step(KilnEvent event, String job) {
        Step forAccounts(List<String> accounts) {
            return new Step(rebase(event, accounts), job);
        }
    }

    private static KilnEvent rebase(KilnEvent e, List<String> accounts) {
        int index = Integer.parseInt(e.accountId().substring(e.accountId().lastIndexOf('#') + 1));
        String account = accounts.get(index);
        String job = e.jobId() + "@" + accounts.get(0);
        return switch (e) {
            case JobRequested r -> new JobRequested(EventIds.of(job, "requested"), r.occurredAt(), job, account, r.spec(),
                    r.priceCredits(), null, r.expiresAt());
            case JobStatusChanged s -> new JobStatusChanged(EventIds.of(job, "status:" + s.status().wire()), s.occurredAt(),
                    job, account, s.status(), s.spec(), null, s.outputs(), s.errorCode(), null, s.priceCredits(),
                    s.createdAt());
            default -> throw new IllegalArgumentException(e.toString());
        };
    }

    private static List<Step> script(Random random, int jobs) {
        List<Step> steps = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            String job = "job" + j;
            JobRequested r = request(job, "x#" + random.nextInt(3), random.nextInt(15), 1 + random.nextInt(2));
            steps.add(new Step(r, job));
            if (random.nextInt(5) > 0) {
                steps.add(new Step(end(r, random.nextInt(3) == 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED,
                        random.nextInt(3)), job));
            }
        }
        return steps;
    }

    /**
     * Each step twice: the original order stays (a partition's order; requests of an account share a
     * partition), and every redelivery comes at a random later point, as after a consumer restart
     * that re-reads from its last committed offset.
     */
    private static List<Step> withLateRedeliveries(List<Step> steps, Random random) {
        List<List<Step>> slots = new ArrayList<>();
        for (Step s : steps) {
            List<Step> slot = new ArrayList<>();
            slot.add(s);
            slots.add(slot);
        }
        for (int i = 0; i < steps.size(); i++) {
            int later = i + random.nextInt(steps.size() - i);
            slots.get(later).add(steps.get(i));
        }
        List<Step> out = new ArrayList<>();
        slots.forEach(out::addAll);
        return out;
    }

    private void apply(Step step, int times, Random random) {
        for (int i = 0; i < times; i++) {
            if (step.event() instanceof JobRequested r) {
                consumers.onJobRequests(List.of(r));
            } else {
                consumers.onJobStatuses(List.of(step.event()));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> accounts(int n, String tag) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, n).mapToObj(i -> "acct-" + tag + "-" + run + "#" + i).toList();
    }

    private void open(String account, long credits) {
        consumers.onAccountEvent(new AccountOpened(UUID.randomUUID(), Instant.now(), null, account, "Scenario", "free",
                credits, "whsec_test"));
    }

    private static JobRequested request(String job, String account, long price, int units) {
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "scenario",
                Map.of("aspect_ratio", "1:1", "image_size", "1K", "num_images", Integer.toString(units)), 1024, 1024,
                "image/png");
        return new JobRequested(EventIds.of(job, "requested"), Instant.now(), job, account, spec, price, null,
                Instant.now().plus(Duration.ofMinutes(10)));
    }

    private static JobRequested copy(JobRequested r) {
        return new JobRequested(UUID.randomUUID(), r.occurredAt(), r.jobId(), r.accountId(), r.spec(), r.priceCredits(),
                r.webhookUrl(), r.expiresAt());
    }

    private static JobStatusChanged end(JobRequested r, JobStatus status, int outputs) {
        List<Asset> assets = IntStream.range(0, status == JobStatus.SUCCEEDED ? outputs : 0)
                .mapToObj(i -> new Asset("k/" + r.jobId() + "/" + i, "image/png", 1, 1, 1)).toList();
        return new JobStatusChanged(EventIds.of(r.jobId(), "status:" + status.wire()), Instant.now(), r.jobId(),
                r.accountId(), status, r.spec(), null, assets, status == JobStatus.FAILED ? "generation_failed" : null,
                null, r.priceCredits(), r.occurredAt());
    }

    /** Keeps, per job, the first end first (a later contradicting status must stay later). */
    private static List<KilnEvent> orderPerJob(List<KilnEvent> batch) {
        Map<String, List<KilnEvent>> byJob = new LinkedHashMap<>();
        for (KilnEvent e : batch) {
            byJob.computeIfAbsent(e.jobId(), k -> new ArrayList<>()).add(e);
        }
        List<KilnEvent> out = new ArrayList<>();
        byJob.values().forEach(out::addAll);
        return out;
    }

    private static int units(JobRequested r) {
        return Integer.parseInt(r.spec().options().getOrDefault("num_images", "1"));
    }

    private static Random deterministic(String key) {
        return new Random(key.hashCode());
    }

    private static boolean randomBoolean(String key, int oneIn) {
        return deterministic(key).nextInt(oneIn) == 0;
    }
}
