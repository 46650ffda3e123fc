package dev.kiln.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How output URLs are handed out ({@code kiln.assets.*}); asset-store verifies them with the same key. */
@ConfigMapping(prefix = "kiln.assets")
public interface AssetsConfig {

    /** Shared HMAC key of signed asset URLs (env {@code KILN_ASSET_SIGNING_KEY}, at least 16 characters). */
    String signingKey();

    /** Public base URL of asset-store (env {@code KILN_ASSET_BASE_URL}). */
    @WithDefault("http://localhost:8085")
    String baseUrl();

    /** How long a signed output URL stays valid after it was handed out. */
    @WithDefault("1h")
    Duration urlTtl();
}
