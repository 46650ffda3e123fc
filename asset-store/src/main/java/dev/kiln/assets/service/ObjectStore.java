package dev.kiln.assets.service;

import dev.kiln.assets.config.S3Config;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/** Reads outputs from the asset bucket. Blocking: call it from a worker thread. */
@ApplicationScoped
public class ObjectStore {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

    private final MinioClient s3;
    private final String bucket;

    public ObjectStore(MinioClient s3, S3Config config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** The object's metadata and an open stream of its content, or empty if there is no such object. */
    public Optional<StoredObject> open(String objectKey) {
        try {
            GetObjectResponse response = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(objectKey).build());
            String length = response.headers().get("Content-Length");
            return Optional.of(new StoredObject(
                    response.headers().get("Content-Type"),
                    length == null ? -1 : Long.parseLong(length),
                    unquote(response.headers().get("ETag")),
                    response));
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException(e);
        } catch (Exception e) {
            throw new StorageException(e);
        }
    }

    /** The object's metadata, or empty if there is no such object. */
    public Optional<StoredObject> stat(String objectKey) {
        try {
            StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(objectKey).build());
            return Optional.of(new StoredObject(stat.contentType(), stat.size(), unquote(stat.etag()), null));
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException(e);
        } catch (Exception e) {
            throw new StorageException(e);
        }
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
    }

    /** The object store could not be read. */
    public static class StorageException extends RuntimeException {
        public StorageException(Throwable cause) {
            super("The object store could not be read: " + cause.getMessage(), cause);
        }
    }
}
