package dev.kiln.gateway;

import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** Submitting jobs, with the test playing billing (see {@link FakeBilling} for the prompt markers). */
@QuarkusTest
class SubmitImageTest extends WithFakeBilling {
    private static TestSupport.TestAccount account;

    @BeforeEach
    void openAccount() {
        if (account == null) {
            account = TestSupport.openAccount("Submitter", 1000);
        }
    }

    @Test
    void reservedRequestIsPendingAndReadableAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("prompt", "A minimalist product photo of a white sneaker");
        body.put("aspect_ratio", "16:9");
        body.put("webhook_url", "https://example.com/hooks/kiln");
        String uid = given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/ai/images")
                .then().statusCode(200)
                .body("uid", matchesPattern("img_[a-z2-7]{24}"))
                .body("status", equalTo("pending"))
                .body("model", equalTo("gemini-2.5-flash-image"))
                .body("aspect_ratio", equalTo("16:9"))
                .body("image_size", equalTo("1K"))
                .body("width", equalTo(1344)).body("height", equalTo(768))
                .body("credits", equalTo(4))
                .body("webhook_url", equalTo("https://example.com/hooks/kiln"))
                .extract().path("uid");

        JobRequested request = billing.byJob.get(uid);
        assertThat(request).isNotNull();
        assertThat(request.eventId()).isEqualTo(EventIds.of(uid, "requested"));
        assertThat(request.accountId()).isEqualTo(account.id());
        assertThat(request.spec().kind()).isEqualTo(JobKind.AI_IMAGE);
        assertThat(request.spec().options()).containsEntry("aspect_ratio", "16:9").containsEntry("image_size", "1K");
        assertThat(request.priceCredits()).isEqualTo(4);
        assertThat(Duration.between(request.occurredAt(), request.expiresAt())).isEqualTo(Duration.ofSeconds(3));

        given().header("Authorization", account.bearer()).get("/v1/ai/images/" + uid)
                .then().statusCode(200).body("uid", equalTo(uid)).body("status", equalTo("pending"))
                .body("prompt", equalTo("A minimalist product photo of a white sneaker"));
    }

    @Test
    void readinessReportsTheReplyConsumer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'reservation-replies' }.status", equalTo("UP"));
    }

    @Test
    void rejectedReservationIsQuotaExceeded() {
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "too expensive [reject]"))
                .post("/v1/ai/images")
                .then().statusCode(402)
                .body("error", equalTo("QuotaExceededError"))
                .body("status", equalTo(402))
                .body("message", equalTo("Not enough credits: this request needs 4, 1 available"));
    }

    @Test
    void noDecisionIsServiceUnavailableWithinTheTimeout() {
        long start = System.nanoTime();
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "billing is asleep [silent]"))
                .post("/v1/ai/images")
                .then().statusCode(503)
                .body("error", equalTo("ServiceUnavailableError"))
                .body("message", containsString("not charged"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(8));
    }

    @Test
    void invalidRequestsNameTheField() {
        assertValidation(Map.of("model", "gemini-2.5-flash-image"), "'prompt' is required and must not be blank");
        assertValidation(Map.of("prompt", "   "), "'prompt' is required and must not be blank");
        assertValidation(Map.of("prompt", "x".repeat(4001)), "'prompt' must be at most 4000 characters");
        assertValidation(Map.of("prompt", "p", "model", "dall-e"),
                "Invalid model 'dall-e'; allowed values: gemini-2.5-flash-image, gemini-3.1-flash-image-preview, "
                        + "gemini-3-pro-image-preview, image-01");
        assertValidation(Map.of("prompt", "p", "model", "MiniMax-Hailuo-2.3"),
                "model 'MiniMax-Hailuo-2.3' is an ai_video model, not ai_image; allowed values: gemini-2.5-flash-image, "
                        + "gemini-3.1-flash-image-preview, gemini-3-pro-image-preview, image-01");
        assertValidation(Map.of("prompt", "p", "aspect_ratio", "7:3"),
                "Invalid aspect_ratio '7:3' for gemini-2.5-flash-image; allowed values: 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9");
        assertValidation(Map.of("prompt", "p", "image_size", "4K"), "Invalid image_size '4K' for gemini-2.5-flash-image; allowed values: 1K");
        assertValidation(Map.of("prompt", "p", "webhook_url", "ftp://example.com/x"),
                "'webhook_url' must be an absolute http or https URL");
        assertValidation(Map.of("prompt", "p", "webhook_url", "/relative/path"),
                "'webhook_url' must be an absolute http or https URL");

        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body("{\"prompt\": ")
                .post("/v1/ai/images")
                .then().statusCode(400).body("error", equalTo("ValidationError")).body("status", equalTo(400))
                .body("message", containsString("Malformed JSON"));
        // authentication comes before validation
        given().contentType(ContentType.JSON).body(Map.of("prompt", "p")).post("/v1/ai/images")
                .then().statusCode(401).body("error", equalTo("AuthenticationError"));
    }

    private static void assertValidation(Map<String, Object> body, String message) {
        given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post("/v1/ai/images")
                .then().statusCode(400)
                .body("error", equalTo("ValidationError"))
                .body("status", equalTo(400))
                .body("message", equalTo(message));
    }
}
