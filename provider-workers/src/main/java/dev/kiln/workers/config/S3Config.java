package dev.kiln.workers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where generated outputs are stored: an S3-compatible object store ({@code KILN_S3_*}). */
@ConfigMapping(prefix = "kiln.s3")
public interface S3Config {
    /** Endpoint URL of the S3 API, e.g. {@code http://localhost:9000}. */
    String endpoint();

    /** Access key id. */
    String accessKey();

    /** Secret access key. */
    String secretKey();

    /** Signing region. */
    @WithDefault("us-east-1")
    String region();

    /** Bucket that holds every Kiln output; created at startup if missing. */
    @WithDefault("kiln-assets")
    String bucket();
}
