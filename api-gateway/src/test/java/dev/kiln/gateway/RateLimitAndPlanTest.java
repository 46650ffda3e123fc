package dev.kiln.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Per-key rate limits in Redis (free plan: 60 per minute, 100 per hour) and plan gates. */
@QuarkusTest
class RateLimitAndPlanTest {

    @BeforeEach
    void ready() throws Exception {
        TestSupport.ensureTopics();
        TestSupport.awaitReady();
    }

    @Test
    void hundredConcurrentRequestsOnASixtyPerMinuteKeyLetExactlySixtyThrough() {
        var account = TestSupport.openAccount("Hammer", 0, "free");
        long start = Instant.now().getEpochSecond();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest auth = HttpRequest.newBuilder(TestSupport.baseUri().resolve("/v1/auth"))
                .header("Authorization", account.bearer()).build();
        List<HttpResponse<String>> responses = TestSupport.burst(http, IntStream.range(0, 100).mapToObj(i -> auth).toList());

        Map<Integer, List<HttpResponse<String>>> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode));
        assertThat(byStatus.keySet()).containsExactlyInAnyOrder(200, 429);
        assertThat(byStatus.get(200)).hasSize(60);
        assertThat(byStatus.get(429)).hasSize(40);

        for (HttpResponse<String> response : responses) {
            assertThat(header(response, "X-RateLimit-Limit")).isEqualTo(60);
            assertThat(header(response, "X-RateLimit-Remaining")).isBetween(0L, 59L);
            assertThat(header(response, "X-RateLimit-Reset")).isGreaterThan(start).isLessThanOrEqualTo(start + 62);
        }
        // each admitted request took one of the 60: remaining counts down 59, 58, …, 0, never below
        assertThat(byStatus.get(200).stream().map(r -> header(r, "X-RateLimit-Remaining")).sorted().toList())
                .isEqualTo(LongStream.range(0, 60).boxed().toList());
        for (HttpResponse<String> refused : byStatus.get(429)) {
            assertThat(header(refused, "X-RateLimit-Remaining")).isZero();
            assertThat(header(refused, "Retry-After")).isBetween(1L, 60L);
            assertThat(refused.body()).contains("\"error\":\"RateLimitError\"").contains("\"status\":429");
        }

        // the limit is per key: another key of the same account starts with a full allowance
        String second = given().header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                .post("/admin/v1/accounts/" + account.id() + "/keys")
                .then().statusCode(201).extract().path("api_key");
        given().header("Authorization", "Bearer " + second).get("/v1/auth")
                .then().statusCode(200).header("X-RateLimit-Limit", "60").header("X-RateLimit-Remaining", "59");
        // unauthenticated requests are not counted and carry no limit headers
        given().get("/v1/auth").then().statusCode(401).header("X-RateLimit-Limit", nullValue());
    }

    @Test
    void everyAuthenticatedAnswerCarriesTheHeadersAndEnterpriseGetsMore() {
        var account = TestSupport.openAccount("Headers", 0, "enterprise");
        given().header("Authorization", account.bearer()).get("/v1/account")
                .then().statusCode(200)
                .header("X-RateLimit-Limit", "120").header("X-RateLimit-Remaining", "119")
                .header("X-RateLimit-Reset", notNullValue());
        // error answers too
        given().header("Authorization", account.bearer()).get("/v1/ai/images/img_missing")
                .then().statusCode(404).header("X-RateLimit-Limit", "120").header("X-RateLimit-Remaining", "118");
        given().header("Authorization", account.bearer()).get("/v1/ai/images?limit=0")
                .then().statusCode(400).header("X-RateLimit-Remaining", "117");
    }

    @Test
    void plansWithoutAiImagesGetPlanRestricted() {
        for (var plan : List.of(List.of("free", "Free Trial"), List.of("automate", "Automate"))) {
            var account = TestSupport.openAccount("Small " + plan.get(0), 100, plan.get(0));
            String shown = plan.get(1);
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                    .body(Map.of("prompt", "a red fox"))
                    .post("/v1/ai/images")
                    .then().statusCode(403)
                    .body("error", equalTo("PlanRestrictedError"))
                    .body("status", equalTo(403))
                    .body("message", equalTo("AI image generation requires the Scale plan or higher; "
                            + "this account is on the " + shown + " plan"))
                    .header("X-RateLimit-Remaining", notNullValue());
            // the gate applies before validation, and reading stays open
            given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{}")
                    .post("/v1/ai/images").then().statusCode(403).body("message", containsString("Scale plan"));
            given().header("Authorization", account.bearer()).get("/v1/ai/images").then().statusCode(200);
        }
    }

    @Test
    void oversizedBodiesGetTheNativeError() throws Exception {
        var account = TestSupport.openAccount("Verbose", 0);
        try (Socket socket = new Socket("localhost", TestSupport.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/ai/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + account.bearer()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"prompt\": \"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = socket.getInputStream();
            var received = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while (!received.toString(StandardCharsets.UTF_8).contains("\"status\":413}") && (n = in.read(chunk)) > 0) {
                received.write(chunk, 0, n);
            }
            String answer = received.toString(StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413")
                    .contains("{\"error\":\"PayloadTooLargeError\",\"message\":\"The request body exceeds the limit of 262144 bytes\",\"status\":413}");
        }
    }

    private static long header(HttpResponse<String> response, String name) {
        return Long.parseLong(response.headers().firstValue(name)
                .orElseThrow(() -> new AssertionError("missing " + name + " on " + response.statusCode())));
    }
}
