package dev.kiln.assets.config;

import io.smallrye.config.ConfigMapping;

/** Settings of the asset URLs ({@code kiln.assets.*}). */
@ConfigMapping(prefix = "kiln.assets")
public interface AssetsConfig {
    /**
     * HMAC key that signs asset URLs (env {@code KILN_ASSET_SIGNING_KEY}, at least 16 characters);
     * the gateway and the webhook dispatcher sign with the same key.
     */
    String signingKey();
}
