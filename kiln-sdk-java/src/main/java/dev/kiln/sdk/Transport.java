package dev.kiln.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** HTTP and JSON for every resource: one {@link HttpClient}, one {@link ObjectMapper}, both thread-safe. */
final class Transport {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String USER_AGENT = "kiln-sdk-java";

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    Transport(HttpClient http, String baseUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
    }

    String baseUrl() {
        return baseUrl;
    }

    Duration timeout() {
        return timeout;
    }

    void close() {
        http.close();
    }

    <T> T get(String path, Map<String, ?> query, JavaType type, RequestOptions options) {
        return send("GET", path + queryString(query), null, type, options);
    }

    <T> T get(String path, Class<T> type, RequestOptions options) {
        return get(path, Map.of(), JSON.constructType(type), options);
    }

    <T> T post(String path, Object body, Class<T> type, RequestOptions options) {
        return send("POST", path, body, JSON.constructType(type), options);
    }

    static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An id is required");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, ?> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    private <T> T send(String method, String pathAndQuery, Object body, JavaType type, RequestOptions options) {
        RequestOptions opts = options == null ? RequestOptions.none() : options;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(opts.timeout() != null ? opts.timeout() : timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (opts.idempotencyKey() != null) {
            request.header("Idempotency-Key", opts.idempotencyKey());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }

        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new KilnTimeoutException(method + " " + pathAndQuery + " got no answer within the request timeout",
                    null, null, e);
        } catch (IOException e) {
            throw new KilnConnectionException("Could not reach Kiln at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KilnException("Interrupted during " + method + " " + pathAndQuery, 0, null, null, Map.of(), e);
        }

        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw error(status, response.body(), response.headers());
        }
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new KilnException("Unexpected answer from " + method + " " + pathAndQuery + ": "
                    + e.getOriginalMessage(), status, null, response.body(), response.headers().map(), e);
        }
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON", e);
        }
    }

    /** Maps an error answer ({@code {"error", "message", "status"}}) to its typed exception by HTTP status. */
    static KilnException error(int status, String body, HttpHeaders headers) {
        String errorType = null;
        String message = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                errorType = node.path("error").isTextual() ? node.path("error").asText() : null;
                message = node.path("message").isTextual() ? node.path("message").asText() : null;
            }
        } catch (JsonProcessingException ignored) {
            // not JSON (a proxy's HTML page, say): keep the raw body
        }
        if (message == null) {
            message = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        }
        Map<String, List<String>> h = headers.map();
        return switch (status) {
            case 422 -> "IdempotencyKeyReusedError".equals(errorType)
                    ? new IdempotencyKeyReusedException(message, status, errorType, body, h)
                    : new ValidationException(message, status, errorType, body, h);
            case 400, 413 -> new ValidationException(message, status, errorType, body, h);
            case 401 -> new AuthenticationException(message, status, errorType, body, h);
            case 402 -> new QuotaExceededException(message, status, errorType, body, h);
            case 403 -> new PlanRestrictedException(message, status, errorType, body, h);
            case 404 -> new NotFoundException(message, status, errorType, body, h);
            case 409 -> new ConflictException(message, status, errorType, body, h);
            case 429 -> new RateLimitException(message, status, errorType, body, h);
            case 503 -> new ServiceUnavailableException(message, status, errorType, body, h);
            default -> new KilnException(message, status, errorType, body, h, null);
        };
    }

    private static String abbreviate(String body) {
        String s = body.strip();
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
