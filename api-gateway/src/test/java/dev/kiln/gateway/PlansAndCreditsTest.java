package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Balance;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.LedgerEntryRecorded;
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

/** Admin plan changes (applied to cached keys at once) and credit grants (announced to billing). */
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

        // billing's answer (played here): the grant's ledger entry feeds the account's quota
        TestSupport.send(Topics.LEDGER, account.id(), new LedgerEntryRecorded(EventIds.of(account.id(), "grant:x"),
                Instant.now(), null, account.id(), LedgerEntryRecorded.Kind.GRANT, 500, new Balance(600, 0, 0, 600),
                2, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", account.bearer()).get("/v1/account").then().statusCode(200)
                        .body("api_quota", equalTo(600)).body("credits_available", equalTo(600)));
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
