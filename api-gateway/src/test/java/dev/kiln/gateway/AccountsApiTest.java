package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.gateway.domain.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AccountsApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void topics() throws Exception {
        TestSupport.ensureTopics();
    }

    @Test
    void adminOpensAccountAnnouncesItAndTheKeyWorks() throws Exception {
        try (KafkaConsumer<String, KilnEvent> accounts = TestSupport.consumer(Topics.ACCOUNTS, true)) {
            var created = given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Acme", "plan", "scale", "credits", 10000))
                    .post("/admin/v1/accounts")
                    .then().statusCode(201)
                    .body("name", equalTo("Acme"))
                    .body("plan", equalTo("scale"))
                    .body("account_id", startsWith("acc_"))
                    .body("api_key", startsWith("kiln_sk_"))
                    .body("webhook_secret", startsWith("whsec_"))
                    .extract().jsonPath();
            String accountId = created.getString("account_id");
            String apiKey = created.getString("api_key");
            String secret = created.getString("webhook_secret");
            assertThat(apiKey).matches("kiln_sk_[0-9A-Za-z]{32}");
            assertThat(created.getString("key_prefix")).isEqualTo(apiKey.substring(0, 12));
            assertThat(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(24);

            // AccountOpened reaches kiln.accounts.v1 (through the outbox), keyed by account id
            List<ConsumerRecord<String, KilnEvent>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                accounts.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> accountId.equals(r.key()));
            });
            var record = seen.stream().filter(r -> accountId.equals(r.key())).findFirst().orElseThrow();
            assertThat(record.value()).isInstanceOfSatisfying(AccountOpened.class, opened -> {
                assertThat(opened.eventId()).isEqualTo(EventIds.of(accountId, "opened"));
                assertThat(opened.accountId()).isEqualTo(accountId);
                assertThat(opened.name()).isEqualTo("Acme");
                assertThat(opened.plan()).isEqualTo("scale");
                assertThat(opened.initialCredits()).isEqualTo(10000);
                assertThat(opened.webhookSecret()).isEqualTo(secret);
            });

            // the key authenticates; a wrong or missing one does not
            given().header("Authorization", "Bearer " + apiKey).get("/v1/auth")
                    .then().statusCode(200).body("message", equalTo("Authenticated"));
            String wrong = apiKey.substring(0, apiKey.length() - 1) + (apiKey.endsWith("A") ? "B" : "A");
            given().header("Authorization", "Bearer " + wrong).get("/v1/auth")
                    .then().statusCode(401).body("error", equalTo("AuthenticationError")).body("status", equalTo(401));
            given().get("/v1/auth").then().statusCode(401).body("error", equalTo("AuthenticationError"));
            given().header("Authorization", "Bearer nonsense").get("/v1/account").then().statusCode(401);

            // only the hash is stored, and the hot path is cached in Redis under the hash
            String hash = Tokens.hashApiKey(apiKey);
            assertThat(count("SELECT count(*) FROM gateway.api_keys WHERE key_hash = ? AND account_id = ?", hash, accountId))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM gateway.api_keys WHERE key_hash = ? OR prefix = ? OR id = ?",
                    apiKey, apiKey, apiKey)).isZero();
            assertThat(count("SELECT count(*) FROM gateway.api_keys k WHERE position(? in k::text) > 0", apiKey))
                    .isZero();
            assertThat(redis.value(String.class).get("kiln:gateway:apikey:" + hash))
                    .contains("\"account_id\":\"" + accountId + "\"").contains("\"plan\":\"scale\"");

            // webhook secret of the caller's account
            given().header("Authorization", "Bearer " + apiKey).get("/v1/webhooks/default/secret")
                    .then().statusCode(200).body("key", equalTo(secret));

            // before billing's first ledger entry the account shows zeros
            given().header("Authorization", "Bearer " + apiKey).get("/v1/account")
                    .then().statusCode(200)
                    .body("id", equalTo(accountId)).body("name", equalTo("Acme")).body("plan", equalTo("scale"))
                    .body("api_usage", equalTo(0)).body("api_quota", equalTo(0));
        }
    }

    @Test
    void adminApiNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "plan", "scale", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(401).body("error", equalTo("AuthenticationError"));
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .body(Map.of("name", "X", "plan", "scale", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(401);
        var account = TestSupport.openAccount("Keyholder", 5);
        // an API key is not an admin token
        given().header("Authorization", account.bearer()).get("/admin/v1/accounts/" + account.id()).then().statusCode(401);
        given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "plan", "platinum", "credits", 1))
                .post("/admin/v1/accounts").then().statusCode(400)
                .body("error", equalTo("ValidationError"))
                .body("message", equalTo("Invalid plan 'platinum'; allowed values: free, automate, scale, enterprise"));
    }

    @Test
    void secondKeyWorksAndRevocationIsImmediate() {
        var account = TestSupport.openAccount("Rotator", 5);
        var key = given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                .post("/admin/v1/accounts/" + account.id() + "/keys")
                .then().statusCode(201).extract().jsonPath();
        String second = key.getString("api_key");
        assertThat(second).isNotEqualTo(account.apiKey());
        given().header("Authorization", "Bearer " + second).get("/v1/auth").then().statusCode(200);

        given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN).get("/admin/v1/accounts/" + account.id())
                .then().statusCode(200).body("account_id", equalTo(account.id())).body("keys", hasSize(2))
                .body("balance.available", equalTo(0));

        given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                .delete("/admin/v1/accounts/" + account.id() + "/keys/" + key.getString("key_id"))
                .then().statusCode(204);
        given().header("Authorization", "Bearer " + second).get("/v1/auth").then().statusCode(401);
        given().header("Authorization", account.bearer()).get("/v1/auth").then().statusCode(200);

        given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN).get("/admin/v1/accounts/acc_missing")
                .then().statusCode(404).body("error", equalTo("NotFoundError"));
    }

    private long count(String sql, String... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
