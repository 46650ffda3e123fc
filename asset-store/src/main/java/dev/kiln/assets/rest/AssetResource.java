package dev.kiln.assets.rest;

import dev.kiln.assets.service.ObjectStore;
import dev.kiln.assets.service.StoredObject;
import dev.kiln.contracts.assets.AssetUrls;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Serves stored outputs through the signed, expiring URLs of {@link AssetUrls}:
 * {@code GET|HEAD /v1/assets/{object key}?expires=<epoch s>&signature=<base64url HMAC>}.
 *
 * <p>The signature is checked before the object is looked up, so an unsigned caller learns
 * nothing about which objects exist. Content is streamed from S3, never buffered whole.
 */
@Path("/v1/assets")
@Blocking
public class AssetResource {
    private static final Logger LOG = Logger.getLogger(AssetResource.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final AssetUrls urls;
    private final ObjectStore store;

    public AssetResource(AssetUrls urls, ObjectStore store) {
        this.urls = urls;
        this.store = store;
    }

    @GET
    @Path("{key: .+}")
    public Response get(@PathParam("key") String key, @QueryParam("expires") String expires,
                        @QueryParam("signature") String signature) {
        Instant now = Instant.now();
        Response refused = checkSignature(key, expires, signature, now);
        if (refused != null) {
            return refused;
        }
        Optional<StoredObject> found = open(key);
        if (found.isEmpty()) {
            return notFound();
        }
        StoredObject object = found.get();
        StreamingOutput body = out -> {
            try (InputStream in = object.content()) {
                in.transferTo(out);
            }
        };
        return headers(Response.ok(body), object, expires, now).build();
    }

    @HEAD
    @Path("{key: .+}")
    public Response head(@PathParam("key") String key, @QueryParam("expires") String expires,
                         @QueryParam("signature") String signature) {
        Instant now = Instant.now();
        Response refused = checkSignature(key, expires, signature, now);
        if (refused != null) {
            return refused;
        }
        Optional<StoredObject> found = stat(key);
        return found.map(object -> headers(Response.ok(), object, expires, now).build()).orElseGet(AssetResource::notFound);
    }

    private Response checkSignature(String key, String expires, String signature, Instant now) {
        return switch (urls.verify(key, expires, signature, now)) {
            case VALID -> null;
            case EXPIRED -> error(Response.Status.FORBIDDEN, "expired_signature", "This asset URL has expired");
            case INVALID -> error(Response.Status.FORBIDDEN, "invalid_signature",
                    "The asset URL signature is missing or invalid");
        };
    }

    private Optional<StoredObject> open(String key) {
        try {
            return store.open(key);
        } catch (ObjectStore.StorageException e) {
            LOG.errorf(e, "Reading asset %s failed", key);
            throw unavailable();
        }
    }

    private Optional<StoredObject> stat(String key) {
        try {
            return store.stat(key);
        } catch (ObjectStore.StorageException e) {
            LOG.errorf(e, "Reading asset %s failed", key);
            throw unavailable();
        }
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder builder, StoredObject object,
                                                    String expires, Instant now) {
        long maxAge = Math.max(0, Long.parseLong(expires) - now.getEpochSecond());
        builder.header(HttpHeaders.CONTENT_TYPE, object.contentType() == null ? OCTET_STREAM : object.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge)
                .header("X-Content-Type-Options", "nosniff");
        if (object.length() >= 0) {
            builder.header(HttpHeaders.CONTENT_LENGTH, object.length());
        }
        if (object.etag() != null) {
            builder.header(HttpHeaders.ETAG, "\"" + object.etag() + "\"");
        }
        return builder;
    }

    private static Response notFound() {
        return error(Response.Status.NOT_FOUND, "not_found", "No asset is stored under this key");
    }

    private static jakarta.ws.rs.WebApplicationException unavailable() {
        return new jakarta.ws.rs.WebApplicationException(error(Response.Status.SERVICE_UNAVAILABLE,
                "storage_unavailable", "The asset storage cannot be read right now"));
    }

    private static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
