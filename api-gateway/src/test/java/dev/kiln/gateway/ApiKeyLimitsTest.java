package dev.kiln.gateway;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** API keys with a name, a model allowlist, an expiry and a credit cap (the test plays billing). */
@QuarkusTest
class ApiKeyLimitsTest extends WithFakeBilling {

    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;

    @Test
    void keysAreIssuedWithLimitsAndListedWithoutTheKey() {
        var account = TestSupport.openAccount("Lister of keys", 100);
        Instant expires = Instant.parse("2099-01-01T00:00:00Z");
        var issued = issue(account.id(), Map.of("name", "ci", "models", List.of("image-01", "image-01"),
                "expires_at", expires.toString(), "credit_limit", 40))
                .then().statusCode(201)
                .body("name", equalTo("ci")).body("models", equalTo(List.of("image-01")))
                .body("expires_at", equalTo("2099-01-01T00:00:00Z")).body("credit_limit", equalTo(40))
                .extract().jsonPath();
        String keyId = issued.getString("key_id");

        List<Map<String, Object>> keys = admin().get("/admin/v1/accounts/" + account.id() + "/keys")
                .then().statusCode(200).body("$", hasSize(2)).extract().jsonPath().getList("$");
        assertThat(keys.get(0)).containsEntry("key_prefix", account.keyPrefix()).containsEntry("name", null)
                .containsEntry("models", null).containsEntry("credit_limit", null).containsEntry("credits_used", 0);
        assertThat(keys.get(1)).containsEntry("key_id", keyId).containsEntry("name", "ci")
                .containsEntry("models", List.of("image-01")).containsEntry("expires_at", "2099-01-01T00:00:00Z")
                .containsEntry("credit_limit", 40).containsEntry("credits_used", 0).containsEntry("revoked_at", null)
                .containsKey("created_at").doesNotContainKey("api_key");
        assertThat(keys.toString()).doesNotContain(account.apiKey()).doesNotContain(issued.getString("api_key"));

        admin().get("/admin/v1/accounts/acc_missing/keys").then().statusCode(404).body("error", equalTo("NotFoundError"));
        given().get("/admin/v1/accounts/" + account.id() + "/keys").then().statusCode(401);
    }

    @Test
    void invalidLimitsAreRefused() {
        var account = TestSupport.openAccount("Picky", 100);
        issue(account.id(), Map.of("models", List.of("dall-e"))).then().statusCode(400)
                .body("error", equalTo("ValidationError")).body("message", containsString("Invalid model 'dall-e' in 'models'"));
        issue(account.id(), Map.of("models", List.of())).then().statusCode(400);
        issue(account.id(), Map.of("expires_at", "2001-01-01T00:00:00Z")).then().statusCode(400)
                .body("message", equalTo("'expires_at' must be in the future"));
        issue(account.id(), Map.of("expires_at", "tomorrow")).then().statusCode(400).body("error", equalTo("ValidationError"))
                .body("message", containsString("Malformed JSON"));
        issue(account.id(), Map.of("credit_limit", -1)).then().statusCode(400)
                .body("message", equalTo("'credit_limit' must be at least 0"));
    }

    @Test
    void modelsOutsideTheAllowlistArePlanRestricted() {
        var account = TestSupport.openAccount("Allowlisted", 1000);
        String key = issue(account.id(), Map.of("models", List.of("gemini-3-pro-image-preview", "image-01")))
                .then().statusCode(201).extract().path("api_key");
        // the default model is not on the list
        submit(key, Map.of("prompt", "a red fox")).then().statusCode(403)
                .body("error", equalTo("PlanRestrictedError"))
                .body("message", equalTo("Model 'gemini-2.5-flash-image' is not allowed for this API key; "
                        + "allowed models: gemini-3-pro-image-preview, image-01"));
        submit(key, Map.of("prompt", "a red fox", "model", "image-01", "image_size", "HD")).then().statusCode(200)
                .body("model", equalTo("image-01"));
        assertThat(billing.requestsOf(account.id())).hasSize(1);
    }

    @Test
    void creditCapCountsHeldAndUsedCreditsAndGivesBackRejectedAndFailedJobs() throws Exception {
        var account = TestSupport.openAccount("Capped", 1000);
        var issued = issue(account.id(), Map.of("credit_limit", 10)).then().statusCode(201).extract().jsonPath();
        String key = issued.getString("api_key");
        String keyId = issued.getString("key_id");

        // billing refuses: the key is not charged either
        submit(key, Map.of("prompt", "too expensive [reject]")).then().statusCode(402)
                .body("message", containsString("Not enough credits"));
        assertThat(creditsUsed(account.id(), keyId)).isZero();

        // a job that fails is given back once the failure arrives
        String failing = submit(key, Map.of("prompt", "will fail [fail]")).then().statusCode(200).extract().path("uid");
        assertThat(creditsUsed(account.id(), keyId)).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> creditsUsed(account.id(), keyId) == 0);

        String first = submit(key, Map.of("prompt", "one")).then().statusCode(200).extract().path("uid");
        submit(key, Map.of("prompt", "two")).then().statusCode(200);
        submit(key, Map.of("prompt", "three")).then().statusCode(402)
                .body("error", equalTo("QuotaExceededError"))
                .body("message", equalTo("API key credit limit reached: this request needs 4 credits, 2 of the key's 10 remain"));
        assertThat(creditsUsed(account.id(), keyId)).isEqualTo(8);
        assertThat(billing.requestsOf(account.id()).stream().filter(r -> r.spec().prompt().equals("three"))).isEmpty();
        // the account's other key is not capped
        submit(account.apiKey(), Map.of("prompt", "three")).then().statusCode(200);

        // jobs remember their key; a lost counter is re-seeded from them (the failed job does not count)
        assertThat(keyOf(first)).isEqualTo(keyId);
        assertThat(keyOf(failing)).isEqualTo(keyId);
        redis.key().del("kiln:gateway:keyspend:" + keyId);
        assertThat(creditsUsed(account.id(), keyId)).isEqualTo(8);
        submit(key, Map.of("prompt", "four")).then().statusCode(402);
    }

    @Test
    void concurrentSubmitsNeverPassTheCap() {
        var account = TestSupport.openAccount("Stampede", 1000, "enterprise");
        var issued = issue(account.id(), Map.of("credit_limit", 12)).then().statusCode(201).extract().jsonPath();
        HttpRequest post = HttpRequest.newBuilder(TestSupport.baseUri().resolve("/v1/ai/images"))
                .header("Authorization", "Bearer " + issued.getString("api_key"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"stampede\"}")).build();
        List<HttpResponse<String>> responses = TestSupport.burst(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                IntStream.range(0, 10).mapToObj(i -> post).toList());
        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 3L, 402, 7L));
        assertThat(creditsUsed(account.id(), issued.getString("key_id"))).isEqualTo(12);
    }

    @Test
    void expiredAndRevokedKeysAreRefusedWithTheReason() {
        var account = TestSupport.openAccount("Shortlived", 100);
        var issued = issue(account.id(), Map.of("expires_at", Instant.now().plusSeconds(2).toString()))
                .then().statusCode(201).extract().jsonPath();
        String key = "Bearer " + issued.getString("api_key");
        given().header("Authorization", key).get("/v1/auth").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().header("Authorization", key).get("/v1/auth").then().statusCode(401)
                        .body("error", equalTo("AuthenticationError")).body("message", equalTo("API key expired")));

        admin().delete("/admin/v1/accounts/" + account.id() + "/keys/" + account.keyPrefix()).then().statusCode(404);
        String keyId = admin().get("/admin/v1/accounts/" + account.id() + "/keys").then().extract().path("[0].key_id");
        admin().delete("/admin/v1/accounts/" + account.id() + "/keys/" + keyId).then().statusCode(204);
        given().header("Authorization", account.bearer()).get("/v1/auth").then().statusCode(401)
                .body("message", equalTo("API key revoked"));
        admin().get("/admin/v1/accounts/" + account.id() + "/keys").then().statusCode(200)
                .body("[0].revoked_at", org.hamcrest.Matchers.notNullValue())
                .body("[1].revoked_at", nullValue());
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN);
    }

    private static io.restassured.response.Response issue(String accountId, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(new HashMap<>(body))
                .post("/admin/v1/accounts/" + accountId + "/keys");
    }

    private static io.restassured.response.Response submit(String apiKey, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post("/v1/ai/images");
    }

    private static long creditsUsed(String accountId, String keyId) {
        JsonPath keys = admin().get("/admin/v1/accounts/" + accountId + "/keys").then().statusCode(200)
                .extract().jsonPath();
        return keys.getLong("find { it.key_id == '" + keyId + "' }.credits_used");
    }

    private String keyOf(String uid) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT key_id FROM gateway.jobs WHERE uid = ?")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
