package dev.kiln.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.service.Idempotency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/** Answers create requests, once per {@code Idempotency-Key} when the client sends one. */
@ApplicationScoped
public class Submissions {
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final long maxWaitSeconds;

    public Submissions(Idempotency idempotency, ObjectMapper json, GatewayConfig config) {
        this.idempotency = idempotency;
        this.json = json;
        this.maxWaitSeconds = config.maxWait().toSeconds();
    }

    /**
     * A create endpoint's whole answer: applies {@code Prefer: wait=N} (capped at the configured
     * maximum; {@code submit} gets the wait, zero for none), runs the submission at most once per
     * idempotency key, and adds {@code Preference-Applied} when a wait was applied.
     */
    public Response create(Caller caller, String idempotencyKey, String prefer, String path, Object body,
                           Function<Duration, ?> submit) {
        long wait = PreferWait.seconds(prefer, maxWaitSeconds);
        return PreferWait.applied(create(caller, idempotencyKey, path, body,
                () -> submit.apply(PreferWait.duration(wait))), wait);
    }

    /**
     * Runs {@code submit} (at most once per idempotency key and account) and answers with the job,
     * or with the stored answer of an earlier identical request.
     */
    public Response create(Caller caller, String idempotencyKey, String path, Object body, Supplier<?> submit) {
        if (idempotencyKey == null) {
            return Response.ok(submit.get()).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        Idempotency.Answer answer = idempotency.run(caller, idempotencyKey, "POST", path, body,
                () -> new Idempotency.Answer(200, write(submit.get()), false));
        Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body());
        if (answer.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
