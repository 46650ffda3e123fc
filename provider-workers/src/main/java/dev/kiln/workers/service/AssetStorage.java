package dev.kiln.workers.service;

import dev.kiln.workers.config.S3Config;
import dev.kiln.workers.domain.GeneratedOutput;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.time.temporal.ChronoUnit;

/**
 * Stores generated outputs in the asset bucket. Object keys are
 * {@code outputs/<account id>/<job id>/<index>.<extension>}; writing the same output again
 * overwrites the object with identical bytes, which keeps redelivered dispatches harmless.
 */
@ApplicationScoped
public class AssetStorage {
    private static final Logger LOG = Logger.getLogger(AssetStorage.class);

    private final MinioClient s3;
    private final String bucket;
    private volatile boolean bucketReady;

    public AssetStorage(MinioClient s3, S3Config config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** The object key of output {@code index} of a job. */
    public static String objectKey(String accountId, String jobId, int index, String extension) {
        return "outputs/" + accountId + "/" + jobId + "/" + index + "." + extension;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBucket();
        } catch (Exception e) {
            // Not fatal: the first upload tries again.
            LOG.warnf("Could not ensure bucket %s at startup: %s", bucket, e.getMessage());
        }
    }

    /**
     * Uploads {@code output} under {@code objectKey}. Each attempt is bounded by a timeout and
     * failed attempts are retried; the last failure propagates.
     */
    @Retry(maxRetries = 3, delay = 300, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public void upload(String objectKey, GeneratedOutput output) throws Exception {
        ensureBucket();
        s3.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(objectKey)
                .contentType(output.contentType())
                .stream(new ByteArrayInputStream(output.data()), output.data().length, -1)
                .build());
    }

    private void ensureBucket() throws Exception {
        if (bucketReady) {
            return;
        }
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
                s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("Created bucket %s", bucket);
            } catch (io.minio.errors.ErrorResponseException e) {
                String code = e.errorResponse().code();
                if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                    throw e;
                }
            }
        }
        bucketReady = true;
    }
}
