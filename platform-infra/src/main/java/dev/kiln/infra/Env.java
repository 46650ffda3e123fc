package dev.kiln.infra;

import java.util.Optional;

/** Reads Kiln settings from system properties first, then environment variables. Blank counts as unset. */
final class Env {

    static final String MODE = "KILN_INFRA_MODE";
    static final String KAFKA_BOOTSTRAP_SERVERS = "KILN_KAFKA_BOOTSTRAP_SERVERS";
    static final String DB_URL = "KILN_DB_URL";
    static final String DB_USERNAME = "KILN_DB_USERNAME";
    static final String DB_PASSWORD = "KILN_DB_PASSWORD";
    static final String REDIS_URL = "KILN_REDIS_URL";
    static final String S3_ENDPOINT = "KILN_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "KILN_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "KILN_S3_SECRET_KEY";
    static final String S3_REGION = "KILN_S3_REGION";
    static final String S3PROXY_JAR = "KILN_S3PROXY_JAR";

    private Env() {
    }

    static Optional<String> get(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }
}
