package dev.kiln.webhooks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How output URLs in payloads are signed (shared with api-gateway and asset-store). */
@ConfigMapping(prefix = "kiln.assets")
public interface AssetsConfig {

    /** HMAC key for signed asset URLs ({@code KILN_ASSET_SIGNING_KEY}); at least 16 characters. */
    String signingKey();

    /** Public base URL of asset-store ({@code KILN_ASSET_BASE_URL}). */
    @WithDefault("http://localhost:8085")
    String baseUrl();
}
