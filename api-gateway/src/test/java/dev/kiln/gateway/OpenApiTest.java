package dev.kiln.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document at /q/openapi describes the native API. */
@QuarkusTest
class OpenApiTest {

    @Test
    void documentsTheCreateEndpointsWithExamplesAndErrors() throws Exception {
        String raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(raw);
        JsonNode tree = new ObjectMapper().readTree(raw);
        assertThat(doc.getMap("paths")).containsKeys("/v1/ai/images", "/v1/ai/images/{uid}", "/v1/ai/videos",
                "/v1/ai/videos/{uid}", "/v1/account", "/v1/account/calculate-cost", "/admin/v1/accounts/{id}/keys", "/admin/v1/accounts/{id}/plan",
                "/admin/v1/accounts/{id}/credits");
        assertThat(doc.getList("tags.name")).contains("AI images", "AI videos", "Account", "Admin");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");

        for (String path : new String[]{"/v1/ai/images", "/v1/ai/videos"}) {
            Map<String, Object> post = doc.getMap("paths.'" + path + "'.post");
            assertThat(post).as(path).containsKeys("summary", "description", "requestBody", "responses", "tags");
            assertThat(doc.getMap("paths.'" + path + "'.post.responses"))
                    .containsKeys("200", "400", "401", "402", "403", "409", "413", "422", "429", "503");
            assertThat(doc.getString("paths.'" + path + "'.post.responses.'402'.description"))
                    .startsWith("QuotaExceededError");
            assertThat(doc.getList("paths.'" + path + "'.post.parameters.name")).contains("Idempotency-Key", "Prefer");
        }
        String images = "/paths/~1v1~1ai~1images/post";
        String videos = "/paths/~1v1~1ai~1videos/post";
        String json = "/content/application~1json";
        assertThat(tree.at(images + "/requestBody" + json + "/examples/request/value/prompt").asText())
                .isEqualTo("A minimalist product photo of a white sneaker");
        assertThat(tree.at(images + "/requestBody" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ImageRequest");
        assertThat(tree.at(images + "/responses/200" + json + "/examples/created/value/uid").asText()).startsWith("img_");
        assertThat(tree.at(images + "/responses/200" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ImageJob");
        assertThat(tree.at(images + "/responses/402" + json + "/examples/insufficient credits/value/error").asText())
                .isEqualTo("QuotaExceededError");
        assertThat(tree.at(videos + "/requestBody" + json + "/examples/request/value/model").asText())
                .isEqualTo("MiniMax-Hailuo-2.3");
        assertThat(tree.at(videos + "/responses/200" + json + "/examples/created/value/status").asText())
                .isEqualTo("completed");

        // request and response schemas, snake_case like the wire
        assertThat(doc.getMap("components.schemas.ImageRequest.properties")).containsKeys("prompt", "aspect_ratio",
                "image_size", "webhook_url");
        assertThat(doc.getList("components.schemas.ImageRequest.required")).contains("prompt");
        assertThat(tree.at("/components/schemas/ImageRequest/properties/prompt/examples/0").asText())
                .isEqualTo("A minimalist product photo of a white sneaker");
        assertThat(doc.getMap("components.schemas.ImageJob.properties")).containsKeys("uid", "status", "image_url",
                "created_at");
        assertThat(doc.getMap("components.schemas.VideoJob.properties")).containsKeys("video_url", "resolution", "duration");
        assertThat(doc.getMap("components.schemas.Error.properties")).containsKeys("error", "message", "status");
    }

    @Test
    void documentsTheAccountAndTheQuote() throws Exception {
        String raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(raw);
        JsonNode tree = new ObjectMapper().readTree(raw);
        String json = "/content/application~1json";

        String account = "/paths/~1v1~1account/get";
        assertThat(tree.at(account + "/responses/200" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Account");
        assertThat(tree.at(account + "/responses/200" + json + "/examples/account/value/credits_posted").asLong())
                .isEqualTo(9908);
        assertThat(doc.getMap("components.schemas.Account.properties")).containsKeys("api_usage", "api_quota",
                "credits_available", "credits_pending", "credits_posted", "period_start", "period_end");

        String quote = "/paths/~1v1~1account~1calculate-cost/post";
        assertThat(doc.getMap("paths.'/v1/account/calculate-cost'.post.responses"))
                .containsKeys("200", "400", "401", "403", "429");
        assertThat(tree.at(quote + "/requestBody" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/QuoteRequest");
        assertThat(tree.at(quote + "/requestBody" + json + "/examples/video/value/type").asText()).isEqualTo("ai_video");
        assertThat(tree.at(quote + "/responses/200" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Quote");
        assertThat(tree.at(quote + "/responses/200" + json + "/examples/video/value/credits_needed").asLong())
                .isEqualTo(49);
        assertThat(doc.getList("components.schemas.QuoteRequest.required")).contains("type");
        assertThat(doc.getMap("components.schemas.Quote.properties")).containsKeys("type", "model", "credits_needed",
                "aspect_ratio", "image_size", "resolution", "duration");
    }

    @Test
    void documentsTemplatesAndTemplateImages() throws Exception {
        String raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(raw);
        JsonNode tree = new ObjectMapper().readTree(raw);
        String json = "/content/application~1json";
        assertThat(doc.getMap("paths")).containsKeys("/v1/templates", "/v1/templates/{id}", "/v1/images",
                "/v1/images/{uid}");
        assertThat(doc.getList("tags.name")).contains("Templates", "Images");
        assertThat(doc.getMap("paths.'/v1/templates'")).containsKeys("get", "post");
        assertThat(doc.getMap("paths.'/v1/templates/{id}'")).containsKeys("get", "put", "delete");
        assertThat(doc.getMap("paths.'/v1/templates/{id}'.put.responses")).containsKeys("200", "400", "403", "404", "409");
        assertThat(doc.getMap("paths.'/v1/templates/{id}'.delete.responses")).containsKeys("204", "403", "404");

        String list = "/paths/~1v1~1templates/get/responses/200" + json;
        assertThat(tree.at(list + "/examples/templates/value/0/slug").asText()).isEqualTo("product-card");
        assertThat(tree.at(list + "/schema/items/$ref").asText()).isEqualTo("#/components/schemas/TemplateSummary");
        String detail = "/paths/~1v1~1templates~1{id}/get/responses/200" + json;
        assertThat(tree.at(detail + "/examples/product-card/value/available_properties/4/default/text").asText())
                .isEqualTo("Product name");
        assertThat(tree.at("/paths/~1v1~1templates/post/requestBody" + json + "/examples/template/value/layers/2/type")
                .asText()).isEqualTo("text");
        assertThat(doc.getMap("components.schemas.TemplateSummary.properties")).containsKeys("id", "name", "slug",
                "canvas_width", "canvas_height", "background_color", "created_at", "updated_at");
        assertThat(doc.getMap("components.schemas.Template.properties")).containsKeys("uid", "name", "slug", "width",
                "height", "available_properties", "canvas", "layers");
        assertThat(doc.getMap("components.schemas.AvailableProperty.properties")).containsKeys("name", "type", "default");
        assertThat(doc.getMap("components.schemas.TemplateLayer.properties")).containsKeys("type", "name", "font_size",
                "image_url", "fit", "fill", "data");

        Map<String, Object> post = doc.getMap("paths.'/v1/images'.post");
        assertThat(post).containsKeys("summary", "description", "requestBody", "responses", "tags");
        assertThat(doc.getMap("paths.'/v1/images'.post.responses"))
                .containsKeys("200", "400", "401", "402", "404", "409", "413", "422", "429", "503");
        assertThat(doc.getList("paths.'/v1/images'.post.parameters.name")).contains("Idempotency-Key", "Prefer");
        String images = "/paths/~1v1~1images/post";
        assertThat(tree.at(images + "/requestBody" + json + "/examples/request/value/template").asText())
                .isEqualTo("product-card");
        assertThat(tree.at(images + "/requestBody" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TemplateImageRequest");
        assertThat(tree.at(images + "/responses/200" + json + "/examples/created/value/status").asText())
                .isEqualTo("pending");
        assertThat(tree.at(images + "/responses/400" + json + "/examples/unknown property/value/message").asText())
                .startsWith("Unknown property 'subtitle'");
        assertThat(tree.at("/paths/~1v1~1images~1{uid}/get/responses/200" + json
                + "/examples/completed/value/image_url").asText()).startsWith("https://");
        assertThat(doc.getMap("components.schemas.TemplateImage.properties")).containsKeys("uid", "status", "template",
                "properties", "transparent", "width", "height", "credits", "image_url", "error", "webhook_url",
                "created_at", "updated_at");
    }

    @Test
    void documentsTemplateVideos() throws Exception {
        String raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(raw);
        JsonNode tree = new ObjectMapper().readTree(raw);
        String json = "/content/application~1json";
        assertThat(doc.getMap("paths")).containsKeys("/v1/videos", "/v1/videos/{uid}");
        assertThat(doc.getMap("paths.'/v1/videos'")).containsKeys("get", "post");
        assertThat(doc.getList("tags.name")).contains("Videos");
        assertThat(doc.getList("paths.'/v1/videos'.post.tags")).containsExactly("Videos");
        assertThat(doc.getMap("paths.'/v1/videos'.post.responses"))
                .containsKeys("200", "400", "401", "402", "403", "404", "409", "413", "422", "429", "503");
        assertThat(doc.getString("paths.'/v1/videos'.post.responses.'403'.description")).startsWith("PlanRestrictedError");
        assertThat(doc.getList("paths.'/v1/videos'.post.parameters.name")).contains("Idempotency-Key", "Prefer");
        String videos = "/paths/~1v1~1videos/post";
        assertThat(tree.at(videos + "/requestBody" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TemplateVideoRequest");
        assertThat(tree.at(videos + "/requestBody" + json + "/examples/request/value/input_media_url").asText())
                .isEqualTo("https://example.com/clip.mp4");
        assertThat(tree.at(videos + "/responses/200" + json + "/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TemplateVideo");
        assertThat(tree.at(videos + "/responses/200" + json + "/examples/created/value/uid").asText()).startsWith("vid_");
        assertThat(tree.at(videos + "/responses/403" + json + "/examples/free plan/value/error").asText())
                .isEqualTo("PlanRestrictedError");
        assertThat(tree.at(videos + "/responses/400" + json + "/examples/missing input/value/message").asText())
                .startsWith("'input_media_url' is required");
        assertThat(tree.at("/paths/~1v1~1videos~1{uid}/get/responses/200" + json
                + "/examples/completed/value/video_url").asText()).startsWith("https://");
        assertThat(doc.getMap("components.schemas.TemplateVideoRequest.properties")).containsKeys("template",
                "input_media_url", "properties", "audio_url", "audio_mode", "webhook_url");
        assertThat(doc.getList("components.schemas.TemplateVideoRequest.required"))
                .contains("template", "input_media_url");
        assertThat(doc.getMap("components.schemas.TemplateVideo.properties")).containsKeys("uid", "status", "template",
                "template_id", "input_media_url", "properties", "audio_url", "audio_mode", "width", "height", "credits",
                "video_url", "error", "webhook_url", "created_at", "updated_at");
        assertThat(doc.getList("components.schemas.QuoteRequest.properties.type.enum"))
                .contains("template_image", "template_video");
        assertThat(tree.at("/paths/~1v1~1account~1calculate-cost/post/responses/200" + json
                + "/examples/template video/value/model").asText()).isEqualTo("template-video");
    }
}
