package dev.kiln.billing;

import dev.kiln.billing.service.LedgerService;
import dev.kiln.billing.service.Reconciliation;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.AccountPlanChanged;
import dev.kiln.contracts.events.Balance;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.kafka.LedgerFeed;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Billing through its real inputs (Kafka topics) and outputs (reservation replies, ledger CloudEvents, REST). */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class BillingServiceTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long PRICE = 4;
    private static KafkaEventClient kafka;
    private static LedgerFeed ledgerFeed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    LedgerService ledger;
    @Inject
    Reconciliation reconciliation;
    @Inject
    EntityManager em;

    @BeforeEach
    void kafka() {
        if (kafka == null) {
            kafka = new KafkaEventClient(bootstrap, List.of(Topics.RESERVATIONS));
            ledgerFeed = new LedgerFeed(bootstrap);
        }
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
            ledgerFeed.close();
            kafka = null;
        }
    }

    @Test
    void accountOpenedGrantsItsPlanCreditsFromTheIssuer() {
        String account = openAccount(100);

        LedgerEvent grant = awaitEvent(account, null, LedgerEventTypes.CREDITS_GRANTED);
        assertThat(grant.data().debitAccount()).isEqualTo("platform:plan-grants");
        assertThat(grant.data().creditAccount()).isEqualTo(account + ":plan");
        assertThat(grant.data().amount()).isEqualTo(100);
        assertThat(grant.data().reason()).isEqualTo("plan_period");
        assertThat(grant.data().sequence()).isEqualTo(1);
        assertThat(grant.data().balance().available()).isEqualTo(100);
        assertThat(grant.data().balance().posted()).isEqualTo(100);
        assertThat(grant.data().balance().periodEnd()).isAfter(Instant.now().plus(Duration.ofDays(27)));
        JsonPath view = accountView(account);
        assertThat(view.getString("plan")).isEqualTo("free");
        assertThat(view.getLong("monthly_credits")).isEqualTo(30);
        assertThat(view.getList("ledger_accounts.id")).containsExactly(account + ":plan", account + ":topup");
        assertBalance(account, 100, 0, 100);
        RestAssured.get("/billing/v1/accounts/{id}/transfers", account).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].type", equalTo(LedgerEventTypes.CREDITS_GRANTED));
        RestAssured.get("/billing/v1/accounts/{id}", "acct-missing-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void topUpsGoToTheTopupAccountOncePerGrantId() {
        String account = openAccount(10);
        String grantId = "grant_" + UUID.randomUUID();
        CreditsGranted grant = new CreditsGranted(EventIds.of(grantId, "granted"), Instant.now(), null, account, 50,
                "support goodwill", grantId);
        // the event twice, and the same grant under a new event id
        kafka.send(Topics.ACCOUNTS, account, grant);
        kafka.send(Topics.ACCOUNTS, account, grant);
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(UUID.randomUUID(), Instant.now(), null, account, 50,
                "support goodwill", grantId));
        String second = "grant_" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(EventIds.of(second, "granted"), Instant.now(), null,
                account, 5, "top-up", second));
        await().atMost(WAIT).until(() -> grants(account).size() == 3);
        assertBalance(account, 65, 0, 65);

        List<LedgerEvent> grants = grants(account);
        assertThat(grants.get(1).data().amount()).isEqualTo(50);
        assertThat(grants.get(1).data().debitAccount()).isEqualTo("platform:topups");
        assertThat(grants.get(1).data().creditAccount()).isEqualTo(account + ":topup");
        assertThat(grants.get(1).data().reason()).isEqualTo("support goodwill");
        assertThat(grants.get(2).data().sequence()).isEqualTo(3);
        assertThat(grants.get(2).data().balance().available()).isEqualTo(65);

        String stranger = "acct-unknown-" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, stranger, new CreditsGranted(UUID.randomUUID(), Instant.now(), null, stranger, 5,
                "lost", "grant_x"));
        RestAssured.get("/billing/v1/accounts/{id}", stranger).then().statusCode(404);
    }

    @Test
    void requestWithinBalanceIsHeldWithItsPriceSnapshot() {
        String account = openAccount(10);
        String job = newJob();
        request(account, job, PRICE);

        CreditsReserved reserved = awaitReservation(job, CreditsReserved.class);
        assertThat(reserved.eventId()).isEqualTo(EventIds.of(job, "reserved"));
        assertThat(reserved.amount()).isEqualTo(PRICE);
        assertThat(reserved.balance()).isEqualTo(new Balance(10, 0, 4, 6));
        assertThat(reserved.request().jobId()).isEqualTo(job);
        LedgerEvent hold = awaitEvent(account, job, LedgerEventTypes.HOLD_CREATED);
        assertThat(hold.data().sequence()).isEqualTo(2);
        assertThat(hold.data().debitAccount()).isEqualTo(account + ":plan");
        assertThat(hold.data().creditAccount()).isEqualTo("platform:revenue");
        assertThat(hold.data().price().model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(hold.data().price().credits()).isEqualTo(PRICE);
        assertThat(hold.data().price().options()).containsEntry("image_size", "1K");
        assertThat(hold.data().balance().pending()).isEqualTo(4);
        assertBalance(account, 6, 4, 10);
    }

    @Test
    void requestOverBalanceIsRejectedAndChangesNothing() {
        String account = openAccount(3);
        String job = newJob();
        request(account, job, PRICE);

        ReservationRejected rejected = awaitReservation(job, ReservationRejected.class);
        assertThat(rejected.reason()).isEqualTo(ReservationRejected.INSUFFICIENT_CREDITS);
        assertThat(rejected.required()).isEqualTo(PRICE);
        assertThat(rejected.available()).isEqualTo(3);
        assertBalance(account, 3, 0, 3);
        assertThat(eventsOfJob(account, job)).isEmpty();
    }

    @Test
    void unknownAccountAndExpiredRequestsAreRejectedWithoutHold() {
        String job = newJob();
        request("acct-unknown-" + UUID.randomUUID(), job, PRICE);
        assertThat(awaitReservation(job, ReservationRejected.class).reason())
                .isEqualTo(ReservationRejected.UNKNOWN_ACCOUNT);

        String account = openAccount(10);
        String late = newJob();
        kafka.send(Topics.JOBS_REQUESTED, account, jobRequested(account, late, PRICE, Instant.now().minusSeconds(60)));
        assertThat(awaitReservation(late, ReservationRejected.class).reason()).isEqualTo(ReservationRejected.EXPIRED);
        assertBalance(account, 10, 0, 10);
        assertThat(eventsOfJob(account, late)).isEmpty();
    }

    @Test
    void redeliveredRequestHoldsOnce() {
        String account = openAccount(20);
        String job = newJob();
        JobRequested request = jobRequested(account, job, PRICE, Instant.now().plusSeconds(60));
        int last = kafka.partitions(Topics.JOBS_REQUESTED) - 1;
        // The same event twice on one partition, once on another, and a copy with a new event id.
        kafka.send(Topics.JOBS_REQUESTED, 0, account, request);
        kafka.send(Topics.JOBS_REQUESTED, 0, account, request);
        kafka.send(Topics.JOBS_REQUESTED, last, account, request);
        kafka.send(Topics.JOBS_REQUESTED, last, account, withNewEventId(request));
        // Markers behind the duplicates on both partitions: once they are answered, so are the duplicates.
        String marker0 = newJob();
        String markerLast = newJob();
        kafka.send(Topics.JOBS_REQUESTED, 0, account, jobRequested(account, marker0, 1, Instant.now().plusSeconds(60)));
        kafka.send(Topics.JOBS_REQUESTED, last, account,
                jobRequested(account, markerLast, 1, Instant.now().plusSeconds(60)));
        awaitReservation(marker0, CreditsReserved.class);
        awaitReservation(markerLast, CreditsReserved.class);

        assertThat(kafka.events(Topics.RESERVATIONS, KilnEvent.class, e -> job.equals(e.jobId()))).hasSize(1);
        assertThat(eventsOfJob(account, job)).extracting(LedgerEvent::type).containsExactly(LedgerEventTypes.HOLD_CREATED);
        assertBalance(account, 20 - PRICE - 2, PRICE + 2, 20);
    }

    @Test
    void succeededPostsOnceWithTheSnapshotPriceAndLateFailureChangesNothing() {
        String account = openAccount(20);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);

        // the status reports another price (the table changed meanwhile): the hold's snapshot wins
        JobStatusChanged succeeded = status(account, job, JobStatus.SUCCEEDED, 1, 99);
        kafka.send(Topics.JOB_STATUS, 0, job, succeeded);
        LedgerEvent post = awaitEvent(account, job, LedgerEventTypes.HOLD_POSTED);
        assertThat(post.data().amount()).isEqualTo(PRICE);
        assertThat(post.data().heldAmount()).isEqualTo(PRICE);
        assertThat(post.data().pendingId()).isEqualTo(eventsOfJob(account, job).get(0).id());
        assertThat(post.data().sequence()).isEqualTo(3);
        assertThat(post.data().balance().posted()).isEqualTo(20 - PRICE);
        assertThat(post.data().balance().periodUsed()).as("captured this period").isEqualTo(PRICE);
        assertThat(post.data().balance().pending()).isZero();

        kafka.send(Topics.JOB_STATUS, 0, job, succeeded);
        kafka.send(Topics.JOB_STATUS, 0, job, status(account, job, JobStatus.SUCCEEDED, 1, PRICE));
        kafka.send(Topics.JOB_STATUS, 0, job, status(account, job, JobStatus.FAILED, 0, PRICE));
        String marker = newJob();
        request(account, marker, 1);
        awaitReservation(marker, CreditsReserved.class);
        kafka.send(Topics.JOB_STATUS, 0, marker, status(account, marker, JobStatus.FAILED, 0, 1));
        awaitEvent(account, marker, LedgerEventTypes.HOLD_VOIDED);

        assertThat(eventsOfJob(account, job)).extracting(LedgerEvent::type)
                .containsExactly(LedgerEventTypes.HOLD_CREATED, LedgerEventTypes.HOLD_POSTED);
        assertBalance(account, 20 - PRICE, 0, 20 - PRICE);
    }

    @Test
    void partialResultCapturesItsShareAndReturnsTheRest() {
        String account = openAccount(100);
        String job = newJob();
        JobSpec four = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "four cats",
                Map.of("aspect_ratio", "1:1", "image_size", "1K", "num_images", "4"), 1024, 1024, "image/png");
        kafka.send(Topics.JOBS_REQUESTED, account, new JobRequested(UUID.randomUUID(), Instant.now(), job, account, four,
                16, null, Instant.now().plusSeconds(60)));
        awaitReservation(job, CreditsReserved.class);
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.SUCCEEDED, 3, 16));

        LedgerEvent post = awaitEvent(account, job, LedgerEventTypes.HOLD_POSTED);
        assertThat(post.data().amount()).as("3 of 4 images: 3/4 of 16").isEqualTo(12);
        assertThat(post.data().heldAmount()).isEqualTo(16);
        assertThat(post.data().balance().periodUsed()).isEqualTo(12);
        assertBalance(account, 88, 0, 88);
        assertThat(accountView(account).getLong("period_used")).isEqualTo(12);
    }

    @Test
    void failedVoidsAndOtherStatusesAreIgnored() {
        String account = openAccount(20);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);

        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.PENDING, 0, PRICE));
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.PROCESSING, 0, PRICE));
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.FAILED, 0, PRICE));
        LedgerEvent voided = awaitEvent(account, job, LedgerEventTypes.HOLD_VOIDED);
        assertThat(voided.data().amount()).isZero();
        assertThat(voided.data().heldAmount()).isEqualTo(PRICE);
        assertThat(voided.data().balance().available()).isEqualTo(20);
        assertThat(eventsOfJob(account, job)).hasSize(2);
        assertBalance(account, 20, 0, 20);
    }

    @Test
    void aHoldTakesPlanCreditsFirstThenTopUps() {
        String account = openAccount(3);
        String grantId = "grant_" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(EventIds.of(grantId, "granted"), Instant.now(), null,
                account, 10, "top-up", grantId));
        await().atMost(WAIT).until(() -> grants(account).size() == 2);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);
        await().atMost(WAIT).until(() -> eventsOfJob(account, job).size() == 2);
        List<LedgerEvent> holds = eventsOfJob(account, job);
        assertThat(holds).extracting(e -> e.data().debitAccount() + "=" + e.data().amount())
                .containsExactly(account + ":plan=3", account + ":topup=1");

        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.SUCCEEDED, 1, PRICE));
        await().atMost(WAIT).until(() -> eventsOfJob(account, job).size() == 4);
        assertBalance(account, 9, 0, 9);
        JsonPath view = accountView(account);
        assertThat(view.getLong("ledger_accounts.find { it.id.endsWith(':plan') }.credits_posted")).isEqualTo(3);
        assertThat(view.getLong("ledger_accounts.find { it.id.endsWith(':plan') }.debits_posted")).isEqualTo(3);
        assertThat(view.getLong("ledger_accounts.find { it.id.endsWith(':topup') }.debits_posted")).isEqualTo(1);
    }

    @Test
    void twoHundredParallelReservationsAgainstFiftyPricesHoldExactlyFifty() {
        String account = openAccount(50 * PRICE);
        int partitions = kafka.partitions(Topics.JOBS_REQUESTED);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String job = newJob();
            jobs.add(job);
            kafka.sendAsync(Topics.JOBS_REQUESTED, i % partitions, account,
                    jobRequested(account, job, PRICE, Instant.now().plusSeconds(120)));
        }
        kafka.flush();

        await().atMost(WAIT).until(() -> kafka.events(Topics.RESERVATIONS, KilnEvent.class,
                e -> jobs.contains(e.jobId())).size() == 200);
        List<KilnEvent> answers = kafka.events(Topics.RESERVATIONS, KilnEvent.class, e -> jobs.contains(e.jobId()));
        assertThat(answers).filteredOn(CreditsReserved.class::isInstance).hasSize(50);
        assertThat(answers).filteredOn(ReservationRejected.class::isInstance).hasSize(150)
                .allSatisfy(e -> assertThat(((ReservationRejected) e).reason())
                        .isEqualTo(ReservationRejected.INSUFFICIENT_CREDITS));
        assertBalance(account, 0, 50 * PRICE, 50 * PRICE);
    }

    @Test
    void aHoldPastItsTtlIsExpiredAndALaterEndIsFlaggedNotCaptured() {
        String account = openAccount(20);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);
        awaitEvent(account, job, LedgerEventTypes.HOLD_CREATED);

        // the sweep as it runs an hour and a bit later (hold TTL 1h)
        Instant later = Instant.now().plus(Duration.ofMinutes(61));
        await().atMost(WAIT).until(() -> {
            QuarkusTransaction.requiringNew().run(() -> ledger.expireHolds(later));
            return !eventsOf(account, job, LedgerEventTypes.HOLD_EXPIRED).isEmpty();
        });
        assertBalance(account, 20, 0, 20);
        double flaggedBefore = lateSettlementsMetric();

        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.SUCCEEDED, 1, PRICE));
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.SUCCEEDED, 1, PRICE));
        LedgerEvent flagged = awaitEvent(account, job, LedgerEventTypes.HOLD_SETTLED_AFTER_EXPIRY);
        assertThat(flagged.data().amount()).isZero();
        assertThat(flagged.data().heldAmount()).isEqualTo(PRICE);
        assertBalance(account, 20, 0, 20);
        assertThat(eventsOfJob(account, job)).extracting(LedgerEvent::type).containsExactly(
                LedgerEventTypes.HOLD_CREATED, LedgerEventTypes.HOLD_EXPIRED, LedgerEventTypes.HOLD_SETTLED_AFTER_EXPIRY);
        assertThat(lateSettlementsMetric()).isEqualTo(flaggedBefore + 1);
    }

    @Test
    void aPeriodEndExpiresUnusedPlanCreditsKeepsTopUpsAndGrantsTheNewPlan() {
        String account = openAccount(30);
        String grantId = "grant_" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(EventIds.of(grantId, "granted"), Instant.now(), null,
                account, 7, "top-up", grantId));
        kafka.send(Topics.ACCOUNTS, account, new AccountPlanChanged(UUID.randomUUID(), Instant.now(), null, account,
                "automate", "free", 1000));
        await().atMost(WAIT).until(() -> grants(account).size() == 2);
        String job = newJob();
        request(account, job, 10);
        awaitReservation(job, CreditsReserved.class);
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.SUCCEEDED, 1, 10));
        awaitEvent(account, job, LedgerEventTypes.HOLD_POSTED);
        await().atMost(WAIT).until(() -> "automate".equals(accountView(account).getString("plan")));
        Instant periodEnd = Instant.parse(accountView(account).getString("period_end"));

        QuarkusTransaction.requiringNew().run(() -> ledger.closePeriods(periodEnd.plusSeconds(1)));
        LedgerEvent expired = awaitEvent(account, null, LedgerEventTypes.CREDITS_EXPIRED);
        assertThat(expired.data().amount()).as("30 plan credits, 10 used").isEqualTo(20);
        assertThat(expired.data().debitAccount()).isEqualTo(account + ":plan");
        assertThat(expired.data().creditAccount()).isEqualTo("platform:expired");
        await().atMost(WAIT).until(() -> grants(account).size() == 3);
        LedgerEvent renewed = grants(account).get(2);
        assertThat(renewed.data().amount()).as("the new plan's credits").isEqualTo(1000);
        assertThat(renewed.data().balance().periodStart()).isEqualTo(periodEnd);
        assertThat(renewed.data().balance().periodUsed()).isZero();
        assertBalance(account, 1007, 0, 1007);

        // a second run in the same period changes nothing
        QuarkusTransaction.requiringNew().run(() -> ledger.closePeriods(periodEnd.plusSeconds(2)));
        assertThat(grants(account)).hasSize(3);
    }

    @Test
    void reconciliationFindsTheLedgerConsistentAndTheHealthGroupSaysSo() {
        String account = openAccount(50);
        for (int i = 0; i < 5; i++) {
            String job = newJob();
            request(account, job, 3);
            awaitReservation(job, CreditsReserved.class);
            kafka.send(Topics.JOB_STATUS, job, status(account, job, i % 2 == 0 ? JobStatus.SUCCEEDED : JobStatus.FAILED,
                    1, 3));
        }
        await().atMost(WAIT).until(() -> ledgerFeed.ofAccount(account).stream()
                .filter(e -> e.type().equals(LedgerEventTypes.HOLD_POSTED) || e.type().equals(LedgerEventTypes.HOLD_VOIDED))
                .count() == 5);
        RestAssured.get("/billing/v1/reconciliation").then().statusCode(200)
                .body("consistent", equalTo(true))
                .body("violations.double_entry", equalTo(0))
                .body("violations.balances_match_transfers", equalTo(0))
                .body("violations.no_negative_balance", equalTo(0))
                .body("violations.captured_at_most_once", equalTo(0))
                .body("violations.no_leaked_holds", equalTo(0));
        RestAssured.get("/q/health/group/ledger").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(RestAssured.get("/q/metrics").asString()).contains("kiln_billing_reconciliation_violations");
    }

    @Test
    void reconciliationNoticesATamperedBalance() {
        String account = openAccount(10);
        assertThat(reconciliation.run().consistent()).isTrue();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = ?1")
                .setParameter(1, account + ":plan").executeUpdate());
        try {
            Reconciliation.Report report = reconciliation.run();
            assertThat(report.consistent()).isFalse();
            assertThat(report.violations().get("double_entry")).isEqualTo(1);
            assertThat(report.violations().get("balances_match_transfers")).isEqualTo(1);
            RestAssured.get("/q/health/group/ledger").then().statusCode(503);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE ledger_accounts SET credits_posted = credits_posted - 1 WHERE id = ?1")
                    .setParameter(1, account + ":plan").executeUpdate());
            assertThat(reconciliation.run().consistent()).isTrue();
        }
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String account = "acct-rollback-" + UUID.randomUUID();
        AccountOpened opened = new AccountOpened(UUID.randomUUID(), Instant.now(), null, account, "Rollback", "free",
                50, "whsec_test");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.open(opened);
            throw new IllegalStateException("forced failure");
        })).hasMessageContaining("forced failure");

        Number outboxRows = QuarkusTransaction.requiringNew().call(() -> (Number) em
                .createNativeQuery("SELECT count(*) FROM kiln_outbox WHERE message_key = ?1")
                .setParameter(1, account).getSingleResult());
        assertThat(outboxRows.longValue()).isZero();
        RestAssured.get("/billing/v1/accounts/{id}", account).then().statusCode(404);
        openAccount(1);
        assertThat(ledgerFeed.ofAccount(account)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    static String newJob() {
        return "img_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String openAccount(long credits) {
        String account = "acct-" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new AccountOpened(UUID.randomUUID(), Instant.now(), null, account,
                "Test account", "free", credits, "whsec_test"));
        if (credits > 0) {
            awaitEvent(account, null, LedgerEventTypes.CREDITS_GRANTED); // requests arrive on another topic
        } else {
            await().atMost(WAIT).until(() -> RestAssured.get("/billing/v1/accounts/{id}", account).statusCode() == 200);
        }
        return account;
    }

    private static void request(String account, String job, long price) {
        kafka.send(Topics.JOBS_REQUESTED, account, jobRequested(account, job, price, Instant.now().plusSeconds(60)));
    }

    static JobRequested jobRequested(String account, String job, long price, Instant expiresAt) {
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a kiln at dusk",
                Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");
        return new JobRequested(UUID.randomUUID(), Instant.now(), job, account, spec, price, null, expiresAt);
    }

    private static JobRequested withNewEventId(JobRequested r) {
        return new JobRequested(UUID.randomUUID(), r.occurredAt(), r.jobId(), r.accountId(), r.spec(),
                r.priceCredits(), r.webhookUrl(), r.expiresAt());
    }

    static JobStatusChanged status(String account, String job, JobStatus status, int outputs, long price) {
        List<Asset> assets = IntStream.range(0, outputs)
                .mapToObj(i -> new Asset("outputs/" + account + "/" + job + "/" + i + ".png", "image/png", 10, 1, 1))
                .toList();
        return new JobStatusChanged(UUID.randomUUID(), Instant.now(), job, account, status, null, null, assets,
                status == JobStatus.FAILED ? "generation_failed" : null, null, price, Instant.now());
    }

    private static <T extends KilnEvent> T awaitReservation(String job, Class<T> type) {
        return await().atMost(WAIT).until(
                () -> kafka.events(Topics.RESERVATIONS, type, e -> job.equals(e.jobId())),
                l -> !l.isEmpty()).get(0);
    }

    private static LedgerEvent awaitEvent(String account, String job, String type) {
        return await().atMost(WAIT).until(() -> eventsOf(account, job, type), l -> !l.isEmpty()).get(0);
    }

    private static List<LedgerEvent> eventsOf(String account, String job, String type) {
        return ledgerFeed.events(e -> account.equals(e.subject()) && Objects.equals(job, e.data().jobId())
                && e.type().equals(type));
    }

    private static List<LedgerEvent> grants(String account) {
        return ledgerFeed.events(e -> account.equals(e.subject()) && e.type().equals(LedgerEventTypes.CREDITS_GRANTED));
    }

    private static List<LedgerEvent> eventsOfJob(String account, String job) {
        return ledgerFeed.events(e -> account.equals(e.subject()) && job.equals(e.data().jobId()));
    }

    private static JsonPath accountView(String account) {
        return RestAssured.get("/billing/v1/accounts/{id}", account).then().statusCode(200).extract().jsonPath();
    }

    private static double lateSettlementsMetric() {
        for (String line : RestAssured.get("/q/metrics").asString().split("\n")) {
            if (line.startsWith("kiln_billing_holds_settled_after_expiry_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static void assertBalance(String account, long available, long pending, long posted) {
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/billing/v1/accounts/{id}", account).then()
                .statusCode(200)
                .body("available", equalTo((int) available))
                .body("pending", equalTo((int) pending))
                .body("posted", equalTo((int) posted)));
    }
}
