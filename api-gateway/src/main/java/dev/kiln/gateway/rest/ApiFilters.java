package dev.kiln.gateway.rest;

import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.domain.ErrorType;
import dev.kiln.gateway.service.Authenticator;
import dev.kiln.gateway.service.PlanGates;
import dev.kiln.gateway.service.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.security.Principal;

/**
 * What every {@code /v1} request goes through before its endpoint, on the event loop and without
 * blocking: authentication (API key → account and plan), the per-key rate limit (429
 * RateLimitError with {@code Retry-After}), then the plan gate of the endpoint (403
 * PlanRestrictedError). The caller is handed to the endpoint as the request's
 * {@link SecurityContext} principal, and every answer to an authenticated request carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (unix
 * seconds at which the key's full limit is available again).
 */
public class ApiFilters {
    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    static final String DECISION_PROPERTY = "kiln.rate-limit-decision";

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final PlanGates planGates;

    public ApiFilters(Authenticator authenticator, RateLimiter rateLimiter, PlanGates planGates) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.planGates = planGates;
    }

    @ServerRequestFilter(nonBlocking = true)
    public Uni<Response> admit(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return Uni.createFrom().nullItem();
        }
        return authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(caller -> {
                    request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext()));
                    return rateLimiter.check(caller).map(decision -> {
                        if (decision != null) {
                            request.setProperty(DECISION_PROPERTY, decision);
                            if (!decision.allowed()) {
                                return tooManyRequests(decision);
                            }
                        }
                        ApiException refusal = planRefusal(caller, resource.getResourceMethod());
                        return refusal == null ? null
                                : withHeaders(ErrorMappers.error(refusal.type(), refusal.getMessage()), decision);
                    });
                })
                .onFailure(ApiException.class)
                .recoverWithItem(e -> ErrorMappers.respond(((ApiException) e).type(), e.getMessage()));
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION_PROPERTY) instanceof RateLimiter.Decision decision) {
            put(response.getHeaders(), decision);
        }
    }

    /** The authenticated caller of a {@code /v1} endpoint. */
    public static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ApiException.authentication("Missing API key: send 'Authorization: Bearer <api key>'");
    }

    private ApiException planRefusal(Caller caller, Method method) {
        PlanGated gate = method == null ? null : method.getAnnotation(PlanGated.class);
        return gate == null ? null : planGates.refusal(caller.plan(), gate.value());
    }

    private static Response tooManyRequests(RateLimiter.Decision decision) {
        return withHeaders(ErrorMappers.error(ErrorType.RATE_LIMIT, "Rate limit of " + decision.limit()
                        + " requests per minute exceeded for this API key; retry after "
                        + decision.retryAfterSeconds() + "s")
                .header(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds()), decision);
    }

    private static Response withHeaders(Response.ResponseBuilder response, RateLimiter.Decision decision) {
        if (decision != null) {
            response.header(LIMIT, decision.limit()).header(REMAINING, decision.remaining())
                    .header(RESET, decision.resetEpochSecond());
        }
        return response.build();
    }

    private static void put(MultivaluedMap<String, Object> headers, RateLimiter.Decision decision) {
        headers.putSingle(LIMIT, decision.limit());
        headers.putSingle(REMAINING, decision.remaining());
        headers.putSingle(RESET, decision.resetEpochSecond());
    }

    /** Carries the caller to the endpoint. */
    private record CallerSecurityContext(Caller caller, SecurityContext original) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
