package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.contracts.events.AccountPlanChanged;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.ledger.LedgerBalance;
import dev.kiln.contracts.ledger.LedgerEventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Admin plan changes (applied to cached keys at once, announced to billing) and credit grants
 * (announced to billing; billing's ledger events raise the quota).
 */
@QuarkusTest
class PlansAndCreditsTest {

    @BeforeAll
    static void topics() throws Exception {
        TestSupport.ensureTopics();
    }

    @Test
    void planChangeAppliesToCachedKeysAtOnce() {
        var account = TestSupport.openAccount("Upgrader", 100, "free");
        // the key is cached with the free plan: AI images are refused, 60 per minute
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{}")
                .post("/v1/ai/images").then().statusCode(403).body("error", equalTo("PlanRestrictedError"))
                .header("X-RateLimit-Limit", "60");

        admin().contentType(ContentType.JSON).body(Map.of("plan", "enterprise"))
                .put("/admin/v1/accounts/" + account.id() + "/plan")
                .then().statusCode(200).body("account_id", equalTo(account.id()))
                .body("plan", equalTo("enterprise")).body("previous_plan", equalTo("free"));
        // the very next request runs on the new plan: past the gate (to validation), enterprise limits
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{}")
                .post("/v1/ai/images").then().statusCode(400).body("error", equalTo("ValidationError"))
                .header("X-RateLimit-Limit", "120");
        given().header("Authorization", account.bearer()).get("/v1/account").then().statusCode(200)
                .body("plan", equalTo("enterprise"));

        admin().contentType(ContentType.JSON).body(Map.of("plan", "automate"))
                .put("/admin/v1/accounts/" + account.id() + "/plan").then().statusCode(200);
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{}")
                .post("/v1/ai/images").then().statusCode(403)
                .body("message", containsString("this account is on the Automate plan"));

        admin().contentType(ContentType.JSON).body(Map.of("plan", "platinum"))
                .put("/admin/v1/accounts/" + account.id() + "/plan").then().statusCode(400)
                .body("message", equalTo("Invalid plan 'platinum'; allowed values: free, automate, scale, enterprise"));
        admin().contentType(ContentType.JSON).body(Map.of("plan", "scale"))
                .put("/admin/v1/accounts/acc_missing/plan").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("plan", "scale"))
                .put("/admin/v1/accounts/" + account.id() + "/plan").then().statusCode(401);
    }

    @Test
    void grantIsAnnouncedToBillingAndItsLedgerEntryRaisesTheQuota() throws Exception {
        var account = TestSupport.openAccount("Grantee", 100);
        try (KafkaConsumer<String, KilnEvent> accounts = TestSupport.consumer(Topics.ACCOUNTS, true)) {
            var grant = admin().contentType(ContentType.JSON)
                    .body(Map.of("credits", 500, "reason", "support goodwill"))
                    .post("/admin/v1/accounts/" + account.id() + "/credits")
                    .then().statusCode(202).body("grant_id", startsWith("grant_"))
                    .body("account_id", equalTo(account.id())).body("credits", equalTo(500))
                    .body("reason", equalTo("support goodwill")).extract().jsonPath();
            String grantId = grant.getString("grant_id");

            List<ConsumerRecord<String, KilnEvent>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                accounts.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value() instanceof CreditsGranted);
            });
            var record = seen.stream().filter(r -> r.value() instanceof CreditsGranted).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(account.id());
            assertThat(record.value()).isEqualTo(new CreditsGranted(EventIds.of(grantId, "granted"),
                    record.value().occurredAt(), null, account.id(), 500, "support goodwill", grantId));
        }

        // billing's answer (played here): the grant's ledger event feeds the account's quota
        Instant periodStart = Instant.parse("2030-01-01T00:00:00Z");
        TestSupport.sendLedger(TestSupport.ledgerEvent(EventIds.of(account.id(), "grant:x"),
                LedgerEventTypes.CREDITS_GRANTED, account.id(), 2,
                new LedgerBalance(600, 0, 600, 0, periodStart, periodStart.plus(Duration.ofDays(31)))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/account").then().statusCode(200)
                        .body("api_quota", equalTo(600)).body("credits_available", equalTo(600))
                        .body("credits_posted", equalTo(600)).body("period_start", equalTo("2030-01-01T00:00:00Z")));
    }

    @Test
    void aPlanChangeIsAnnouncedOnceAndSettingTheSamePlanAnnouncesNothing() throws Exception {
        var account = TestSupport.openAccount("Mover", 100, "automate");
        try (KafkaConsumer<String, KilnEvent> accounts = TestSupport.consumer(Topics.ACCOUNTS, true)) {
            admin().contentType(ContentType.JSON).body(Map.of("plan", "enterprise"))
                    .put("/admin/v1/accounts/" + account.id() + "/plan")
                    .then().statusCode(200).body("plan", equalTo("enterprise")).body("previous_plan", equalTo("automate"));
            admin().contentType(ContentType.JSON).body(Map.of("plan", "enterprise"))
                    .put("/admin/v1/accounts/" + account.id() + "/plan")
                    .then().statusCode(200).body("plan", equalTo("enterprise")).body("previous_plan", equalTo("enterprise"));
            // a later event of the same account on the same partition: once it is seen, every event
            // published before it has been seen too
            String grantId = admin().contentType(ContentType.JSON).body(Map.of("credits", 1, "reason", "marker"))
                    .post("/admin/v1/accounts/" + account.id() + "/credits").then().statusCode(202)
                    .extract().path("grant_id");

            List<ConsumerRecord<String, KilnEvent>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                accounts.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (account.id().equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.stream().anyMatch(r -> r.value() instanceof CreditsGranted g && grantId.equals(g.grantId()));
            });
            List<AccountPlanChanged> changes = mine.stream().map(ConsumerRecord::value)
                    .filter(AccountPlanChanged.class::isInstance).map(AccountPlanChanged.class::cast).toList();
            assertThat(changes).hasSize(1);
            AccountPlanChanged change = changes.get(0);
            assertThat(change.accountId()).isEqualTo(account.id());
            assertThat(change.plan()).isEqualTo("enterprise");
            assertThat(change.previousPlan()).isEqualTo("automate");
            assertThat(change.monthlyCredits()).isEqualTo(PlanCatalogue.load().monthlyCredits("enterprise"))
                    .isEqualTo(50_000);
            assertThat(change.jobId()).isNull();
            assertThat(change.eventId()).isNotNull();
            assertThat(change.occurredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        }
    }

    @Test
    void invalidGrantsAreRefused() {
        var account = TestSupport.openAccount("Greedy", 1);
        grant(account.id(), Map.of("credits", 0, "reason", "nothing")).then().statusCode(400)
                .body("message", equalTo("'credits' must be at least 1"));
        grant(account.id(), Map.of("credits", 5)).then().statusCode(400).body("message", equalTo("'reason' is required"));
        grant("acc_missing", Map.of("credits", 5, "reason", "x")).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("credits", 5, "reason", "x"))
                .post("/admin/v1/accounts/" + account.id() + "/credits").then().statusCode(401);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN);
    }

    private static io.restassured.response.Response grant(String accountId, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(new HashMap<>(body))
                .post("/admin/v1/accounts/" + accountId + "/credits");
    }
}
