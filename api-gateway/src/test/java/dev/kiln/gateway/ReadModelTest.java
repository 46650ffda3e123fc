package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobSpec;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerEvent;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The read models, fed by events the test produces in the orchestrator's and billing's place. */
@QuarkusTest
class ReadModelTest {
    private static final String SIGNING_KEY = "test-asset-signing-key-not-secret";

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void topics() throws Exception {
        TestSupport.ensureTopics();
    }

    @Test
    void statusesMoveForwardOnlyAndSucceededJobsGetASignedUrl() throws Exception {
        var owner = TestSupport.openAccount("Owner", 100);
        var stranger = TestSupport.openAccount("Stranger", 100);
        String uid = "img_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Instant created = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Asset output = new Asset("outputs/" + uid + "/0.png", "image/png", 1234, 1024, 1024);

        publishStatus(uid, owner.id(), JobStatus.PROCESSING, "processing", created, List.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", owner.bearer()).get("/v1/ai/images/" + uid)
                        .then().statusCode(200).body("status", equalTo("processing")).body("image_url", nullValue()));

        JobStatusChanged succeeded = publishStatus(uid, owner.id(), JobStatus.SUCCEEDED, "succeeded", created, List.of(output));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", owner.bearer()).get("/v1/ai/images/" + uid)
                        .then().statusCode(200).body("status", equalTo("completed")));

        // a duplicate (same event), a second "succeeded" and a late "processing" change nothing
        TestSupport.send(Topics.JOB_STATUS, uid, succeeded);
        JobStatusChanged late = publishStatus(uid, owner.id(), JobStatus.PROCESSING, "processing-late", created, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("api-gateway.job-status", late.eventId()));

        var job = given().header("Authorization", owner.bearer()).get("/v1/ai/images/" + uid)
                .then().statusCode(200)
                .body("uid", equalTo(uid)).body("status", equalTo("completed"))
                .body("model", equalTo("gemini-2.5-flash-image")).body("aspect_ratio", equalTo("1:1"))
                .body("image_size", equalTo("1K")).body("width", equalTo(1024)).body("credits", equalTo(4))
                .body("error", nullValue())
                .extract().jsonPath();
        assertThat(Instant.parse(job.getString("created_at"))).isEqualTo(created);
        String imageUrl = job.getString("image_url");
        assertThat(imageUrl).startsWith("http://assets.test/v1/assets/outputs/" + uid + "/0.png?");
        Map<String, String> query = Stream.of(URI.create(imageUrl).getRawQuery().split("&"))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        AssetUrls urls = new AssetUrls(SIGNING_KEY);
        assertThat(urls.verify(output.objectKey(), query.get("expires"), query.get("signature"), Instant.now()))
                .isEqualTo(AssetUrls.Verdict.VALID);
        assertThat(Long.parseLong(query.get("expires"))).isBetween(
                Instant.now().plusSeconds(3500).getEpochSecond(), Instant.now().plusSeconds(3700).getEpochSecond());
        assertThat(urls.verify(output.objectKey(), query.get("expires"), query.get("signature"), Instant.now().plusSeconds(7200)))
                .isEqualTo(AssetUrls.Verdict.EXPIRED);

        // another account never learns the job exists
        given().header("Authorization", stranger.bearer()).get("/v1/ai/images/" + uid)
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().header("Authorization", owner.bearer()).get("/v1/ai/images/img_doesnotexist")
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
    }

    @Test
    void failedJobsShowTheirError() throws Exception {
        var owner = TestSupport.openAccount("Failing", 100);
        String uid = "img_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        JobStatusChanged failed = new JobStatusChanged(EventIds.of(uid, "failed"), Instant.now(), uid, owner.id(),
                JobStatus.FAILED, spec(), null, List.of(), "generation_failed", "The model refused", 4, Instant.now());
        TestSupport.send(Topics.JOB_STATUS, uid, failed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", owner.bearer()).get("/v1/ai/images/" + uid)
                        .then().statusCode(200).body("status", equalTo("failed"))
                        .body("error.code", equalTo("generation_failed"))
                        .body("error.message", equalTo("The model refused"))
                        .body("image_url", nullValue()));
    }

    @Test
    void listIsNewestFirstAndPaged() throws Exception {
        var owner = TestSupport.openAccount("Lister", 100);
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        List<String> uids = IntStream.range(0, 5).mapToObj(i -> "img_list" + i + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 19)).toList();
        for (int i = 0; i < uids.size(); i++) {
            publishStatus(uids.get(i), owner.id(), JobStatus.PENDING, "pending", base.plusSeconds(i), List.of());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(given().header("Authorization", owner.bearer()).get("/v1/ai/images?limit=100")
                        .then().statusCode(200).extract().jsonPath().getList("uid")).hasSize(5));

        List<String> newestFirst = List.of(uids.get(4), uids.get(3), uids.get(2), uids.get(1), uids.get(0));
        assertThat(given().header("Authorization", owner.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEqualTo(newestFirst);
        assertThat(given().header("Authorization", owner.bearer()).get("/v1/ai/images?page=1&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEqualTo(newestFirst.subList(0, 2));
        assertThat(given().header("Authorization", owner.bearer()).get("/v1/ai/images?page=3&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEqualTo(newestFirst.subList(4, 5));
        assertThat(given().header("Authorization", owner.bearer()).get("/v1/ai/images?page=4&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEmpty();

        for (String bad : List.of("page=0", "limit=0", "limit=101", "page=abc")) {
            given().header("Authorization", owner.bearer()).get("/v1/ai/images?" + bad)
                    .then().statusCode(400).body("error", equalTo("ValidationError"));
        }
        // another account sees none of them
        var other = TestSupport.openAccount("Other", 1);
        assertThat(given().header("Authorization", other.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).isEmpty();
    }

    @Test
    void ledgerEventsFeedTheAccountInSequenceOrderOnceEach() throws Exception {
        var owner = TestSupport.openAccount("Spender", 1000);
        given().header("Authorization", owner.bearer()).get("/v1/account")
                .then().statusCode(200).body("api_usage", equalTo(0)).body("api_quota", equalTo(0))
                .body("credits_posted", equalTo(0)).body("period_start", nullValue()).body("period_end", nullValue());

        Instant periodStart = Instant.parse("2030-03-01T00:00:00Z");
        Instant periodEnd = Instant.parse("2030-04-01T00:00:00Z");
        // posted 960 (1000 granted, 40 captured), 8 held by a running job: 952 available, 48 used this period
        LedgerEvent hold = ledger(owner.id(), LedgerEventTypes.HOLD_CREATED, 5,
                new LedgerBalance(952, 8, 960, 48, periodStart, periodEnd));
        TestSupport.sendLedger(hold);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", owner.bearer()).get("/v1/account")
                        .then().statusCode(200)
                        .body("api_usage", equalTo(48)).body("api_quota", equalTo(1000))
                        .body("credits_available", equalTo(952)).body("credits_held", equalTo(8))
                        .body("credits_pending", equalTo(8)).body("credits_posted", equalTo(960))
                        .body("period_start", equalTo("2030-03-01T00:00:00Z"))
                        .body("period_end", equalTo("2030-04-01T00:00:00Z")));

        // an older transfer arriving late changes nothing
        LedgerEvent stale = ledger(owner.id(), LedgerEventTypes.CREDITS_GRANTED, 3,
                new LedgerBalance(1000, 0, 1000, 0, periodStart, periodEnd));
        TestSupport.sendLedger(stale);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("api-gateway.ledger", stale.id()));
        assertBalance(owner, 48, 952, 960);

        // a record billing's ledger cannot have written is skipped; the events behind it still arrive
        TestSupport.sendRaw(Topics.LEDGER, owner.id(), "{\"not\": \"a cloudevent\"}".getBytes(),
                "application/cloudevents+json");

        // the same event delivered again is skipped by its id, even with a sequence that would be newer
        LedgerEvent redelivered = new LedgerEvent(hold.id(), hold.type(), hold.subject(), hold.time(),
                ledger(owner.id(), LedgerEventTypes.HOLD_CREATED, 9, new LedgerBalance(1, 1, 2, 999, periodStart,
                        periodEnd)).data());
        TestSupport.sendLedger(redelivered);
        // the next transfer is applied: the hold is posted (captured)
        LedgerEvent posted = ledger(owner.id(), LedgerEventTypes.HOLD_POSTED, 6,
                new LedgerBalance(952, 0, 952, 48, periodStart, periodEnd));
        TestSupport.sendLedger(posted);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", owner.bearer()).get("/v1/account")
                        .then().statusCode(200).body("credits_pending", equalTo(0)));
        assertBalance(owner, 48, 952, 952);
        assertThat(processed("api-gateway.ledger", hold.id())).isTrue();
    }

    private static void assertBalance(TestSupport.TestAccount owner, int used, int available, int posted) {
        given().header("Authorization", owner.bearer()).get("/v1/account")
                .then().statusCode(200).body("api_usage", equalTo(used)).body("credits_available", equalTo(available))
                .body("api_quota", equalTo(used + available)).body("credits_posted", equalTo(posted));
    }

    private static LedgerEvent ledger(String accountId, String type, long sequence, LedgerBalance balance) {
        return TestSupport.ledgerEvent(EventIds.of(accountId, "ledger-" + sequence), type, accountId, sequence, balance);
    }

    private static JobSpec spec() {
        return new JobSpec(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "a red fox",
                Map.of("aspect_ratio", "1:1", "image_size", "1K"), 1024, 1024, "image/png");
    }

    private static JobStatusChanged publishStatus(String uid, String accountId, JobStatus status, String phase,
                                                  Instant createdAt, List<Asset> outputs) throws Exception {
        JobStatusChanged event = new JobStatusChanged(EventIds.of(uid, phase), Instant.now(), uid, accountId, status,
                spec(), null, outputs, null, null, 4, createdAt);
        TestSupport.send(Topics.JOB_STATUS, uid, event);
        return event;
    }

    private boolean processed(String consumer, UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM gateway.kiln_inbox WHERE consumer = ? AND event_id = ?")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
