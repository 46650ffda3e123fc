package dev.kiln.workers.service;

import dev.kiln.contracts.assets.AssetUrls;
import dev.kiln.workers.config.S3Config;
import dev.kiln.workers.render.ImageFetchException;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads stored assets — outputs of the platform's own bucket — that a job names by reference
 * ({@code kiln-asset:<object key>}, {@link AssetUrls#REFERENCE_SCHEME}): the gateway turns its own signed
 * asset URLs into such references after checking they belong to the caller. This worker checks again:
 * only an output of the job's own account ({@link AssetUrls#accountOf} of the key equals the job's account)
 * is read; any other reference fails with {@value ImageFetchException#FORBIDDEN_ASSET}, without a request
 * to the bucket. Reads are capped like fetches: the object's size is checked up front and counted while
 * streaming.
 *
 * <p>Failure codes ({@link ImageFetchException}): {@value ImageFetchException#FORBIDDEN_ASSET},
 * {@value ImageFetchException#ASSET_NOT_FOUND}, {@value ImageFetchException#TOO_LARGE},
 * {@value ImageFetchException#FETCH_FAILED} (the bucket could not be read).
 */
@ApplicationScoped
public class StoredAssets {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NoSuchBucket");

    private final MinioClient s3;
    private final String bucket;

    public StoredAssets(MinioClient s3, S3Config config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /**
     * The object key of {@code reference} when account {@code accountId} may read it.
     *
     * @throws ImageFetchException {@value ImageFetchException#FORBIDDEN_ASSET} when the key is not an output
     *                             ({@code outputs/<account>/<job>/<file>}) of that account
     */
    public static String objectKey(String reference, String accountId) throws ImageFetchException {
        if (!AssetUrls.isReference(reference)) {
            throw new ImageFetchException(ImageFetchException.INVALID_URL, "not a stored-asset reference");
        }
        String key = AssetUrls.objectKeyOfReference(reference);
        Optional<String> owner = AssetUrls.accountOf(key);
        boolean plain = !key.contains("//") && !key.contains("\\") && !key.startsWith("/")
                && java.util.Arrays.stream(key.split("/")).noneMatch(s -> s.equals(".") || s.equals(".."));
        if (owner.isEmpty() || !plain) {
            throw new ImageFetchException(ImageFetchException.FORBIDDEN_ASSET,
                    "'" + reference + "' is not a stored output of an account");
        }
        if (accountId == null || !owner.get().equals(accountId)) {
            throw new ImageFetchException(ImageFetchException.FORBIDDEN_ASSET,
                    "'" + reference + "' belongs to another account");
        }
        return key;
    }

    /**
     * The bytes of the stored asset {@code reference} of account {@code accountId}, at most {@code maxBytes}.
     *
     * @throws ImageFetchException with the codes of this class
     */
    public byte[] read(String reference, String accountId, long maxBytes) throws ImageFetchException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(reference, accountId, maxBytes, out);
        return out.toByteArray();
    }

    /**
     * Streams the stored asset {@code reference} of account {@code accountId} into {@code target} (created
     * or replaced; removed again when the read fails), at most {@code maxBytes}.
     *
     * @return the number of bytes written
     * @throws ImageFetchException with the codes of this class
     */
    public long download(String reference, String accountId, long maxBytes, Path target) throws ImageFetchException {
        String key = objectKey(reference, accountId);
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            long bytes = copy(reference, accountId, maxBytes, out);
            done = true;
            return bytes;
        } catch (ImageFetchException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageFetchException(ImageFetchException.FETCH_FAILED,
                    "cannot write stored asset " + key + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // best effort: the caller removes its working directory anyway
                }
            }
        }
    }

    private long copy(String reference, String accountId, long maxBytes, OutputStream out) throws ImageFetchException {
        String key = objectKey(reference, accountId);
        try {
            StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            if (stat.size() > maxBytes) {
                throw tooLarge(reference, maxBytes);
            }
            try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return copyCapped(in, out, reference, maxBytes);
            }
        } catch (ImageFetchException e) {
            throw e;
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                throw new ImageFetchException(ImageFetchException.ASSET_NOT_FOUND,
                        "'" + reference + "' names no stored asset", e);
            }
            throw new ImageFetchException(ImageFetchException.FETCH_FAILED,
                    "reading '" + reference + "' from storage failed: " + e.errorResponse().code(), e);
        } catch (Exception e) {
            throw new ImageFetchException(ImageFetchException.FETCH_FAILED,
                    "reading '" + reference + "' from storage failed: " + e.getMessage(), e);
        }
    }

    private static long copyCapped(InputStream in, OutputStream out, String reference, long maxBytes)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(reference, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static ImageFetchException tooLarge(String reference, long maxBytes) {
        return new ImageFetchException(ImageFetchException.TOO_LARGE,
                "stored asset '" + reference + "' is larger than " + maxBytes + " bytes");
    }
}
