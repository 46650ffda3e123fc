package dev.kiln.assets.rest;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "kafka", value = "false"),
        @ResourceArg(name = "postgres", value = "false"),
        @ResourceArg(name = "redis", value = "false")})
class AssetResourceTest {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kiln.assets.signing-key")
    String signingKey;
    @ConfigProperty(name = "kiln.s3.bucket")
    String bucket;
    /** The service's own S3 client (MinIO SDK), against the real S3 server. */
    @Inject
    MinioClient s3;

    private AssetUrls urls;
    private String key;
    private byte[] png;

    @BeforeEach
    void uploadAPng() throws Exception {
        urls = new AssetUrls(signingKey);
        key = "outputs/acc_test/img_" + UUID.randomUUID().toString().replace("-", "") + "/0.png";
        png = png(40, 30);
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType("image/png")
                .stream(new ByteArrayInputStream(png), png.length, -1).build());
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(5, 5, 20, 15);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private String signed(String objectKey, Instant expiresAt) {
        return urls.sign(base.toString(), objectKey, expiresAt);
    }

    @Test
    void servesTheObjectWithItsHeaders() throws Exception {
        Response response = given().urlEncodingEnabled(false).get(signed(key, Instant.now().plusSeconds(600)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/png");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        assertThat(response.header("ETag")).isNotBlank().startsWith("\"").endsWith("\"");
        assertThat(response.header("Cache-Control")).matches("private, max-age=(59[0-9]|600)");
        byte[] body = response.asByteArray();
        assertThat(body).isEqualTo(png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(body));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
    }

    @Test
    void headGivesTheHeadersWithoutABody() {
        Response response = given().urlEncodingEnabled(false).head(signed(key, Instant.now().plusSeconds(300)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/png");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        assertThat(response.header("ETag")).isNotBlank();
        assertThat(response.header("Cache-Control")).startsWith("private, max-age=");
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void tamperedSignatureIsRefused() {
        String url = signed(key, Instant.now().plusSeconds(600));
        int at = url.indexOf("signature=") + "signature=".length();
        char first = url.charAt(at);
        String tampered = url.substring(0, at) + (first == 'A' ? 'B' : 'A') + url.substring(at + 1);

        given().urlEncodingEnabled(false).get(tampered).then()
                .statusCode(403)
                .body("error", equalTo("invalid_signature"));
    }

    @Test
    void missingSignatureIsRefused() {
        given().get(base + "v1/assets/" + key).then()
                .statusCode(403)
                .body("error", equalTo("invalid_signature"));
    }

    @Test
    void anotherKeysSignatureIsRefused() {
        String other = signed("outputs/acc_test/other/0.png", Instant.now().plusSeconds(600));
        String query = other.substring(other.indexOf('?'));

        given().urlEncodingEnabled(false).get(base + "v1/assets/" + key + query).then()
                .statusCode(403)
                .body("error", equalTo("invalid_signature"));
    }

    @Test
    void expiredUrlIsRefused() {
        given().urlEncodingEnabled(false).get(signed(key, Instant.now().minusSeconds(5))).then()
                .statusCode(403)
                .body("error", equalTo("expired_signature"));
    }

    @Test
    void signedUrlToAMissingObjectIsNotFound() {
        given().urlEncodingEnabled(false).get(signed("outputs/acc_test/nothing-here/0.png", Instant.now().plusSeconds(600)))
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void invalidSignatureIsRefusedEvenForMissingObjects() {
        given().urlEncodingEnabled(false)
                .get(base + "v1/assets/outputs/nope/0.png?expires=" + (Instant.now().getEpochSecond() + 60) + "&signature=abc")
                .then()
                .statusCode(403)
                .body("error", equalTo("invalid_signature"));
    }
}
