package dev.kiln.assets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The S3-compatible object store that holds the outputs ({@code KILN_S3_*}). */
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

    /** Bucket that holds every Kiln output. */
    @WithDefault("kiln-assets")
    String bucket();
}
