package dev.kiln.gateway.config;

import io.smallrye.config.ConfigMapping;

/** The operator API under {@code /admin/v1} ({@code kiln.admin.*}). */
@ConfigMapping(prefix = "kiln.admin")
public interface AdminConfig {

    /**
     * Bearer token of the admin API (env {@code KILN_ADMIN_TOKEN}). Required: the gateway does not
     * start without it in prod.
     */
    String token();
}
