package dev.kiln.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.ErrorType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to the native error model. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        return respond(e.type(), e.getMessage());
    }

    /** Malformed or mistyped JSON bodies. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(ErrorType.VALIDATION, "Malformed JSON body: " + e.getOriginalMessage());
    }

    /**
     * Well-formed JSON with a value of the wrong shape (e.g. {@code "expires_at": "tomorrow"}); mapped
     * here so the framework's own mapper for it does not answer with a non-native body.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 401 -> respond(ErrorType.AUTHENTICATION, "Invalid or missing API key");
            case 404 -> respond(ErrorType.NOT_FOUND, "Not found");
            case 503 -> respond(ErrorType.SERVICE_UNAVAILABLE, "Service unavailable");
            default -> {
                if (status >= 500) {
                    LOG.error("Request failed", e);
                    yield respond(ErrorType.INTERNAL, "Internal error");
                }
                // 400, 405, 406, 415 …: a request the API cannot accept as sent
                yield Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ErrorBody(ErrorType.VALIDATION.exceptionName(),
                                e.getMessage() == null ? "Invalid request" : e.getMessage(), status))
                        .build();
            }
        };
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return respond(ErrorType.INTERNAL, "Internal error");
    }

    static Response respond(ErrorType type, String message) {
        return error(type, message).build();
    }

    static Response.ResponseBuilder error(ErrorType type, String message) {
        return Response.status(type.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(type, message));
    }
}
