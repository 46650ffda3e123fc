package dev.kiln.billing;

import dev.kiln.billing.service.CreditLedger;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
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
import dev.kiln.contracts.events.LedgerEntryRecorded;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class BillingServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PRICE = 4;
    private static KafkaEventClient kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    CreditLedger ledger;
    @Inject
    EntityManager em;

    @BeforeEach
    void kafka() {
        if (kafka == null) {
            kafka = new KafkaEventClient(bootstrap, List.of(Topics.RESERVATIONS, Topics.LEDGER));
        }
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    void accountOpenedGrantsInitialCredits() {
        String account = openAccount(100);

        LedgerEntryRecorded grant = awaitEntry(account, null, LedgerEntryRecorded.Kind.GRANT);
        assertThat(grant.eventId()).isEqualTo(dev.kiln.contracts.events.EventIds.of(account, "grant:opening"));
        assertThat(grant.amount()).isEqualTo(100);
        assertThat(grant.balance()).isEqualTo(new Balance(100, 0, 0, 100));
        assertThat(grant.sequence()).isEqualTo(1);
        assertBalance(account, 100, 0, 0, 100);
        RestAssured.get("/billing/v1/accounts/{id}/entries", account).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].kind", equalTo("grant"));
        RestAssured.get("/billing/v1/accounts/{id}", "acct-missing-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void operatorGrantRaisesTheQuotaOncePerGrantId() {
        String account = openAccount(10);
        String grantId = "grant_" + UUID.randomUUID();
        CreditsGranted grant = new CreditsGranted(EventIds.of(grantId, "granted"), Instant.now(), null, account, 50,
                "support goodwill", grantId);
        // the event twice, and the same grant under a new event id
        kafka.send(Topics.ACCOUNTS, account, grant);
        kafka.send(Topics.ACCOUNTS, account, grant);
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(UUID.randomUUID(), Instant.now(), null, account, 50,
                "support goodwill", grantId));
        // a second grant behind them on the account's partition: once it is recorded, so are the duplicates
        String second = "grant_" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(EventIds.of(second, "granted"), Instant.now(), null,
                account, 5, "top-up", second));
        UUID secondEntry = EventIds.of(account, "grant:" + second);
        await().atMost(WAIT).until(() -> !kafka.events(Topics.LEDGER, LedgerEntryRecorded.class,
                e -> secondEntry.equals(e.eventId())).isEmpty());

        List<LedgerEntryRecorded> grants = kafka.events(Topics.LEDGER, LedgerEntryRecorded.class,
                e -> account.equals(e.accountId()) && e.kind() == LedgerEntryRecorded.Kind.GRANT);
        assertThat(grants).extracting(LedgerEntryRecorded::eventId).containsExactly(
                EventIds.of(account, "grant:opening"), EventIds.of(account, "grant:" + grantId), secondEntry);
        assertThat(grants.get(1).amount()).isEqualTo(50);
        assertThat(grants.get(1).jobId()).isNull();
        assertThat(grants.get(1).balance()).isEqualTo(new Balance(60, 0, 0, 60));
        assertThat(grants.get(1).sequence()).isEqualTo(2);
        assertThat(grants.get(2).balance()).isEqualTo(new Balance(65, 0, 0, 65));
        assertThat(grants.get(2).sequence()).isEqualTo(3);
        assertBalance(account, 65, 0, 0, 65);
        RestAssured.get("/billing/v1/accounts/{id}/entries", account).then().statusCode(200)
                .body("size()", equalTo(3)).body("[1].kind", equalTo("grant"))
                .body("[1].reason", equalTo("support goodwill")).body("[0].reason", org.hamcrest.Matchers.nullValue());

        // a grant for an unknown account records nothing
        String stranger = "acct-unknown-" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, stranger, new CreditsGranted(UUID.randomUUID(), Instant.now(), null, stranger, 5,
                "lost", "grant_x"));
        RestAssured.get("/billing/v1/accounts/{id}", stranger).then().statusCode(404);
    }

    @Test
    void requestWithinBalanceIsReserved() {
        String account = openAccount(10);
        String job = newJob();
        request(account, job, PRICE);

        CreditsReserved reserved = awaitReservation(job, CreditsReserved.class);
        assertThat(reserved.eventId()).isEqualTo(dev.kiln.contracts.events.EventIds.of(job, "reserved"));
        assertThat(reserved.amount()).isEqualTo(PRICE);
        assertThat(reserved.balance()).isEqualTo(new Balance(10, 0, 4, 6));
        assertThat(reserved.request().jobId()).isEqualTo(job);
        LedgerEntryRecorded hold = awaitEntry(account, job, LedgerEntryRecorded.Kind.HOLD);
        assertThat(hold.sequence()).isEqualTo(2);
        assertThat(hold.model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(hold.balance()).isEqualTo(new Balance(10, 0, 4, 6));
        assertBalance(account, 10, 0, 4, 6);
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
        assertBalance(account, 3, 0, 0, 3);
        assertThat(entriesOfJob(account, job)).isEmpty();
    }

    @Test
    void unknownAccountIsRejected() {
        String job = newJob();
        request("acct-unknown-" + UUID.randomUUID(), job, PRICE);
        assertThat(awaitReservation(job, ReservationRejected.class).reason())
                .isEqualTo(ReservationRejected.UNKNOWN_ACCOUNT);
    }

    @Test
    void expiredRequestIsRejectedWithoutHold() {
        String account = openAccount(10);
        String job = newJob();
        JobRequested request = jobRequested(account, job, PRICE, Instant.now().minusSeconds(60));
        kafka.send(Topics.JOBS_REQUESTED, account, request);

        ReservationRejected rejected = awaitReservation(job, ReservationRejected.class);
        assertThat(rejected.reason()).isEqualTo(ReservationRejected.EXPIRED);
        assertBalance(account, 10, 0, 0, 10);
        assertThat(entriesOfJob(account, job)).isEmpty();
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
        assertThat(entriesOfJob(account, job)).extracting(LedgerEntryRecorded::kind)
                .containsExactly(LedgerEntryRecorded.Kind.HOLD);
        assertBalance(account, 20, 0, PRICE + 2, 20 - PRICE - 2);
    }

    @Test
    void succeededCapturesOnceAndLateFailureChangesNothing() {
        String account = openAccount(20);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);

        JobStatusChanged succeeded = status(account, job, JobStatus.SUCCEEDED);
        kafka.send(Topics.JOB_STATUS, 0, job, succeeded);
        LedgerEntryRecorded capture = awaitEntry(account, job, LedgerEntryRecorded.Kind.CAPTURE);
        assertThat(capture.balance()).isEqualTo(new Balance(20, PRICE, 0, 20 - PRICE));
        assertThat(capture.sequence()).isEqualTo(3);

        // Redelivery, the same fact with a new event id, and a failure after success.
        kafka.send(Topics.JOB_STATUS, 0, job, succeeded);
        kafka.send(Topics.JOB_STATUS, 0, job, status(account, job, JobStatus.SUCCEEDED));
        kafka.send(Topics.JOB_STATUS, 0, job, status(account, job, JobStatus.FAILED));
        // A marker job settled behind them on the same partition.
        String marker = newJob();
        request(account, marker, 1);
        awaitReservation(marker, CreditsReserved.class);
        kafka.send(Topics.JOB_STATUS, 0, marker, status(account, marker, JobStatus.FAILED));
        awaitEntry(account, marker, LedgerEntryRecorded.Kind.RELEASE);

        assertThat(entriesOfJob(account, job)).extracting(LedgerEntryRecorded::kind)
                .containsExactly(LedgerEntryRecorded.Kind.HOLD, LedgerEntryRecorded.Kind.CAPTURE);
        assertBalance(account, 20, PRICE, 0, 20 - PRICE);
    }

    @Test
    void failedReleasesAndOtherStatusesAreIgnored() {
        String account = openAccount(20);
        String job = newJob();
        request(account, job, PRICE);
        awaitReservation(job, CreditsReserved.class);

        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.PENDING));
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.PROCESSING));
        kafka.send(Topics.JOB_STATUS, job, status(account, job, JobStatus.FAILED));
        LedgerEntryRecorded release = awaitEntry(account, job, LedgerEntryRecorded.Kind.RELEASE);
        assertThat(release.amount()).isEqualTo(PRICE);
        assertThat(release.balance()).isEqualTo(new Balance(20, 0, 0, 20));
        assertThat(entriesOfJob(account, job)).hasSize(2);
        assertBalance(account, 20, 0, 0, 20);
    }

    @Test
    void concurrentRequestsNeverOverdraw() {
        String account = openAccount(5 * PRICE);
        int partitions = kafka.partitions(Topics.JOBS_REQUESTED);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String job = newJob();
            jobs.add(job);
            kafka.sendAsync(Topics.JOBS_REQUESTED, i % partitions, account,
                    jobRequested(account, job, PRICE, Instant.now().plusSeconds(120)));
        }
        kafka.flush();

        await().atMost(WAIT).until(() -> kafka.events(Topics.RESERVATIONS, KilnEvent.class,
                e -> jobs.contains(e.jobId())).size() == 20);
        List<KilnEvent> answers = kafka.events(Topics.RESERVATIONS, KilnEvent.class, e -> jobs.contains(e.jobId()));
        assertThat(answers).filteredOn(CreditsReserved.class::isInstance).hasSize(5);
        assertThat(answers).filteredOn(ReservationRejected.class::isInstance).hasSize(15)
                .allSatisfy(e -> assertThat(((ReservationRejected) e).reason())
                        .isEqualTo(ReservationRejected.INSUFFICIENT_CREDITS));
        assertBalance(account, 5 * PRICE, 0, 5 * PRICE, 0);
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String account = "acct-rollback-" + UUID.randomUUID();
        AccountOpened opened = new AccountOpened(UUID.randomUUID(), Instant.now(), null, account, "Rollback", "free",
                50, "whsec_test");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.openAccount(opened);
            throw new IllegalStateException("forced failure");
        })).hasMessageContaining("forced failure");

        Number outboxRows = QuarkusTransaction.requiringNew().call(() -> (Number) em
                .createNativeQuery("SELECT count(*) FROM kiln_outbox WHERE message_key = ?1")
                .setParameter(1, account).getSingleResult());
        assertThat(outboxRows.longValue()).isZero();
        RestAssured.get("/billing/v1/accounts/{id}", account).then().statusCode(404);
        // A later, committed change is published; the rolled-back one never is.
        openAccount(1);
        assertThat(kafka.events(Topics.LEDGER, LedgerEntryRecorded.class, e -> account.equals(e.accountId())))
                .isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String newJob() {
        return "img_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String openAccount(long credits) {
        String account = "acct-" + UUID.randomUUID();
        kafka.send(Topics.ACCOUNTS, account, new AccountOpened(UUID.randomUUID(), Instant.now(), null, account,
                "Test account", "free", credits, "whsec_test"));
        awaitEntry(account, null, LedgerEntryRecorded.Kind.GRANT); // requests arrive on another topic
        return account;
    }

    private static void request(String account, String job, long price) {
        kafka.send(Topics.JOBS_REQUESTED, account, jobRequested(account, job, price, Instant.now().plusSeconds(60)));
    }

    private static JobRequested jobRequested(String account, String job, long price, Instant expiresAt) {
        JobSpec spec = new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a kiln at dusk",
                Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");
        return new JobRequested(UUID.randomUUID(), Instant.now(), job, account, spec, price, null, expiresAt);
    }

    private static JobRequested withNewEventId(JobRequested r) {
        return new JobRequested(UUID.randomUUID(), r.occurredAt(), r.jobId(), r.accountId(), r.spec(),
                r.priceCredits(), r.webhookUrl(), r.expiresAt());
    }

    private static JobStatusChanged status(String account, String job, JobStatus status) {
        return new JobStatusChanged(UUID.randomUUID(), Instant.now(), job, account, status, null, null, List.of(),
                status == JobStatus.FAILED ? "generation_failed" : null, null, PRICE, Instant.now());
    }

    private static <T extends KilnEvent> T awaitReservation(String job, Class<T> type) {
        return await().atMost(WAIT).until(
                () -> kafka.events(Topics.RESERVATIONS, type, e -> job.equals(e.jobId())),
                l -> !l.isEmpty()).get(0);
    }

    private static LedgerEntryRecorded awaitEntry(String account, String job, LedgerEntryRecorded.Kind kind) {
        return await().atMost(WAIT).until(
                () -> kafka.events(Topics.LEDGER, LedgerEntryRecorded.class, e -> account.equals(e.accountId())
                        && java.util.Objects.equals(job, e.jobId()) && e.kind() == kind),
                l -> !l.isEmpty()).get(0);
    }

    private static List<LedgerEntryRecorded> entriesOfJob(String account, String job) {
        return kafka.events(Topics.LEDGER, LedgerEntryRecorded.class,
                e -> account.equals(e.accountId()) && job.equals(e.jobId()));
    }

    private static void assertBalance(String account, long quota, long used, long held, long available) {
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/billing/v1/accounts/{id}", account).then()
                .statusCode(200)
                .body("quota", equalTo((int) quota))
                .body("used", equalTo((int) used))
                .body("held", equalTo((int) held))
                .body("available", equalTo((int) available)));
    }
}
