package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ErrorType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies larger than {@code quarkus.http.limits.max-body-size} with the native error JSON
 * (413 PayloadTooLargeError), judged by {@code Content-Length} before any of the body is read.
 * Chunked bodies that grow past the limit are cut off by the HTTP layer itself (plain 413).
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        String body = new JsonObject().put("error", ErrorType.PAYLOAD_TOO_LARGE.exceptionName())
                .put("message", "The request body exceeds the limit of " + maxBytes + " bytes")
                .put("status", ErrorType.PAYLOAD_TOO_LARGE.status()).encode();
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                ctx.response().setStatusCode(ErrorType.PAYLOAD_TOO_LARGE.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body)
                        .onComplete(done -> ctx.request().connection().close()); // do not read the rest
                return;
            }
            ctx.next();
        });
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
