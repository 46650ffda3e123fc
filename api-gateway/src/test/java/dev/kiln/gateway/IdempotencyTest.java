package dev.kiln.gateway;

import dev.kiln.contracts.events.JobRequested;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Idempotency-Key on POST /v1/ai/images, with the test playing billing. */
@QuarkusTest
class IdempotencyTest extends WithFakeBilling {

    @Test
    void fiftyConcurrentIdenticalPostsMakeOneJobAndOneCharge() {
        var account = TestSupport.openAccount("Retrier", 1000, "enterprise");
        String key = UUID.randomUUID().toString();
        String body = "{\"prompt\": \"one job only [slow]\", \"aspect_ratio\": \"16:9\"}";
        HttpRequest post = HttpRequest.newBuilder(TestSupport.baseUri().resolve("/v1/ai/images"))
                .header("Authorization", account.bearer()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<HttpResponse<String>> responses = TestSupport.burst(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                IntStream.range(0, 50).mapToObj(i -> post).toList());

        List<HttpResponse<String>> ok = responses.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> conflicts = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertThat(ok.size() + conflicts.size()).as("only 200 and 409 answers").isEqualTo(50);
        assertThat(ok.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()))
                .as("exactly one request ran").hasSize(1);
        List<String> uids = ok.stream().map(r -> JsonPath.from(r.body()).getString("uid")).distinct().toList();
        assertThat(uids).hasSize(1);
        String uid = uids.get(0);
        assertThat(conflicts).as("duplicates while the first waits for billing").isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("\"error\":\"ConflictError\"").contains("\"status\":409"));

        // exactly one JobRequested, hence one reservation (charge), for this account
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> billing.requestsOf(account.id()).size() == 1);
        assertThat(billing.requestsOf(account.id()).get(0).jobId()).isEqualTo(uid);

        // afterwards the same key and body replay the original answer
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("aspect_ratio", "16:9", "prompt", "one job only [slow]"))
                .post("/v1/ai/images")
                .then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("uid", equalTo(uid)).body("status", equalTo("pending")).body("aspect_ratio", equalTo("16:9"));
        // the same key with another body is refused
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "something else"))
                .post("/v1/ai/images")
                .then().statusCode(422).body("error", equalTo("IdempotencyKeyReusedError")).body("status", equalTo(422));
        assertThat(given().header("Authorization", account.bearer()).get("/v1/ai/images")
                .then().statusCode(200).extract().jsonPath().getList("uid")).containsExactly(uid);
        assertThat(billing.requestsOf(account.id())).hasSize(1);
    }

    @Test
    void keysArePerAccountAndRefusalsAreReplayed() {
        var first = TestSupport.openAccount("First", 1000);
        var second = TestSupport.openAccount("Second", 1000);
        String key = "order-" + UUID.randomUUID();
        String uid1 = create(first, key, "same key, other account").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract().path("uid");
        String uid2 = create(second, key, "same key, other account").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract().path("uid");
        assertThat(uid1).isNotEqualTo(uid2);

        // a definitive refusal (402) is kept and replayed; billing is asked once
        String refusedKey = UUID.randomUUID().toString();
        create(first, refusedKey, "too expensive [reject]").then().statusCode(402)
                .body("error", equalTo("QuotaExceededError")).header("Idempotent-Replayed", nullValue());
        create(first, refusedKey, "too expensive [reject]").then().statusCode(402)
                .body("error", equalTo("QuotaExceededError")).header("Idempotent-Replayed", "true");
        assertThat(billing.requestsOf(first.id()).stream().map(JobRequested::spec)
                .filter(s -> s.prompt().contains("[reject]")).count()).isEqualTo(1);
    }

    @Test
    void invalidRequestsAndServerErrorsDoNotUseUpTheKey() {
        var account = TestSupport.openAccount("Careful", 1000);
        String key = UUID.randomUUID().toString();
        // validation fails before the key is claimed: the corrected request goes through with it
        given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", "p", "image_size", "4K"))
                .post("/v1/ai/images").then().statusCode(400).body("error", equalTo("ValidationError"));
        create(account, key, "fixed request").then().statusCode(200).header("Idempotent-Replayed", nullValue());

        // no billing decision (503): the key is released, the retry runs again
        String retryKey = UUID.randomUUID().toString();
        create(account, retryKey, "billing is asleep [silent]").then().statusCode(503);
        create(account, retryKey, "billing is asleep [silent]").then().statusCode(503)
                .body("error", equalTo("ServiceUnavailableError"));
        await().atMost(Duration.ofSeconds(10)).until(() -> billing.requestsOf(account.id()).stream()
                .filter(r -> r.spec().prompt().contains("[silent]")).count() == 2);

        given().header("Authorization", account.bearer()).header("Idempotency-Key", "x".repeat(256))
                .contentType(ContentType.JSON).body(Map.of("prompt", "p"))
                .post("/v1/ai/images").then().statusCode(400)
                .body("message", equalTo("'Idempotency-Key' must be 1 to 255 characters"));
    }

    private static io.restassured.response.Response create(TestSupport.TestAccount account, String key, String prompt) {
        return given().header("Authorization", account.bearer()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("prompt", prompt)).post("/v1/ai/images");
    }
}
