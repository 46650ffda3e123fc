package dev.kiln.contracts;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.JobKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueAndAssetUrlsTest {
    final ModelCatalogue catalogue = ModelCatalogue.load();

    @Test
    void defaultsApplyAndDimensionsComeFromTheCatalogue() {
        var priced = catalogue.resolve(JobKind.AI_IMAGE, null, "cat", null, null);
        assertThat(priced.spec().model()).isEqualTo("gemini-2.5-flash-image");
        assertThat(priced.spec().options()).containsEntry("aspect_ratio", "1:1").containsEntry("image_size", "1K");
        assertThat(priced.spec().width()).isEqualTo(1024);
        assertThat(priced.defaultPool()).isEqualTo("local-gemini-image");
        assertThat(priced.priceCredits()).isPositive();

        var wide = catalogue.resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "cat", "16:9", "1K");
        assertThat(wide.spec().width()).isEqualTo(1344);
        assertThat(wide.spec().height()).isEqualTo(768);
    }

    @Test
    void rejectedOptionsNameFieldAndAllowedValues() {
        assertThatThrownBy(() -> catalogue.resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "cat", "7:3", null))
                .isInstanceOfSatisfying(ModelCatalogue.InvalidOptionException.class, e -> {
                    assertThat(e.field()).isEqualTo("aspect_ratio");
                    assertThat(e.getMessage()).contains("7:3", "16:9", "21:9");
                });
        assertThatThrownBy(() -> catalogue.resolve(JobKind.AI_IMAGE, "gemini-2.5-flash-image", "cat", null, "4K"))
                .isInstanceOfSatisfying(ModelCatalogue.InvalidOptionException.class,
                        e -> assertThat(e.field()).isEqualTo("image_size"));
        assertThatThrownBy(() -> catalogue.resolve(JobKind.AI_IMAGE, "dall-e-9", "cat", null, null))
                .isInstanceOfSatisfying(ModelCatalogue.InvalidOptionException.class,
                        e -> assertThat(e.field()).isEqualTo("model"));
    }

    @Test
    void signedUrlsVerifyAndRejectTamperingAndExpiry() {
        AssetUrls urls = new AssetUrls("0123456789abcdef-secret");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        URI uri = URI.create(urls.sign("http://localhost:8086/", "acc_1/img 1/0.png", now.plusSeconds(60)));
        assertThat(uri.getRawPath()).isEqualTo("/v1/assets/acc_1/img%201/0.png");
        Map<String, String> q = query(uri);
        assertThat(urls.verify("acc_1/img 1/0.png", q.get("expires"), q.get("signature"), now)).isEqualTo(AssetUrls.Verdict.VALID);
        assertThat(urls.verify("acc_1/img 1/0.png", q.get("expires"), q.get("signature"), now.plusSeconds(61)))
                .isEqualTo(AssetUrls.Verdict.EXPIRED);
        assertThat(urls.verify("acc_2/img 1/0.png", q.get("expires"), q.get("signature"), now)).isEqualTo(AssetUrls.Verdict.INVALID);
        long later = Long.parseLong(q.get("expires")) + 3600;
        assertThat(urls.verify("acc_1/img 1/0.png", Long.toString(later), q.get("signature"), now)).isEqualTo(AssetUrls.Verdict.INVALID);
        assertThat(new AssetUrls("another-key-0123456789").verify("acc_1/img 1/0.png", q.get("expires"), q.get("signature"), now))
                .isEqualTo(AssetUrls.Verdict.INVALID);
    }

    @Test
    void signedUrlsOfThisPlatformResolveToTheirObjectKeyOthersDoNot() {
        AssetUrls urls = new AssetUrls("0123456789abcdef-secret");
        String base = "http://assets.example:8086";
        String key = "outputs/acc_1/vid 1/0.mp4";
        String expired = urls.sign(base + "/", key, Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(urls.objectKeyOf(base, expired)).contains(key);
        assertThat(urls.objectKeyOf(base + "/", urls.sign(base, key, Instant.now().plusSeconds(60)))).contains(key);
        assertThat(AssetUrls.accountOf(key)).contains("acc_1");
        assertThat(AssetUrls.accountOf("other/acc_1/x/0.png")).isEmpty();
        assertThat(AssetUrls.objectKeyOfReference(AssetUrls.reference(key))).isEqualTo(key);
        assertThat(AssetUrls.isReference("https://example.com/a.mp4")).isFalse();
        // another signer, another base, a tampered key, no signature, a path escape: an ordinary URL
        assertThat(urls.objectKeyOf(base, new AssetUrls("another-key-0123456789").sign(base, key, Instant.now()))).isEmpty();
        assertThat(urls.objectKeyOf("http://elsewhere.example", expired)).isEmpty();
        assertThat(urls.objectKeyOf(base, expired.replace("acc_1", "acc_2"))).isEmpty();
        assertThat(urls.objectKeyOf(base, expired.substring(0, expired.indexOf('?')))).isEmpty();
        assertThat(urls.objectKeyOf(base, base + "/v1/assets/outputs/../x?expires=1&signature=x")).isEmpty();
        assertThat(urls.objectKeyOf(base, "https://example.com/clip.mp4")).isEmpty();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv[1]);
        }
        return out;
    }
}
