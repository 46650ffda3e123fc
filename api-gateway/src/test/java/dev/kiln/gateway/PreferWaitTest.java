package dev.kiln.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code Prefer: wait=N} on create requests; the test plays billing and the orchestrator (the job
 * ends {@link FakeBilling#FINISH} after its reservation, for "[succeed]" / "[fail]" prompts).
 */
@QuarkusTest
class PreferWaitTest extends WithFakeBilling {
    private static TestSupport.TestAccount account;

    @BeforeEach
    void openAccount() {
        if (account == null) {
            account = TestSupport.openAccount("Patient", 1000, "enterprise");
        }
    }

    @Test
    void waitsForTheJobToSucceedAndAnswersWithItsOutput() {
        long start = System.nanoTime();
        Response response = post("/v1/ai/images", "wait=10", Map.of("prompt", "a lighthouse [succeed]"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        response.then().statusCode(200).header("Preference-Applied", "wait=10")
                .body("status", equalTo("completed"))
                .body("image_url", startsWith("http://assets.test/v1/assets/outputs/"))
                .body("error", nullValue());
        assertThat(took).as("answered when the job ended, not after 10 s")
                .isBetween(FakeBilling.FINISH, Duration.ofSeconds(8));
    }

    @Test
    void waitsForAFailedVideo() {
        post("/v1/ai/videos", "respond-async, wait=10; foo=bar", Map.of("prompt", "a storm [fail]"))
                .then().statusCode(200).header("Preference-Applied", "wait=10")
                .body("uid", startsWith("vid_")).body("status", equalTo("failed"))
                .body("error.code", equalTo("generation_failed")).body("video_url", nullValue());
    }

    @Test
    void answersWithTheJobAsItStandsWhenTheWaitRunsOut() {
        long start = System.nanoTime();
        post("/v1/ai/images", "wait=1", Map.of("prompt", "never ends"))
                .then().statusCode(200).header("Preference-Applied", "wait=1").body("status", equalTo("pending"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void largerWaitsAreCutMalformedOnesIgnored() {
        post("/v1/ai/images", "wait=600", Map.of("prompt", "quick [succeed]"))
                .then().statusCode(200).header("Preference-Applied", "wait=60").body("status", equalTo("completed"));
        for (String malformed : new String[]{"wait=soon", "wait=-3", "wait", "wait=0"}) {
            long start = System.nanoTime();
            post("/v1/ai/images", malformed, Map.of("prompt", "ignored [succeed]"))
                    .then().statusCode(200).header("Preference-Applied", nullValue()).body("status", equalTo("pending"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FakeBilling.FINISH);
        }
    }

    private static Response post(String path, String prefer, Map<String, Object> body) {
        return given().header("Authorization", account.bearer()).header("Prefer", prefer)
                .contentType(ContentType.JSON).body(body).post(path);
    }
}
