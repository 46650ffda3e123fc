package dev.kiln.gateway.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document served at {@code /q/openapi}: document-level information, the bearer
 * scheme, the tags, and example bodies shared by the resources' annotations.
 */
@OpenAPIDefinition(
        info = @Info(title = "Kiln API", version = "1",
                description = "One HTTP API for template images and videos and AI image and video generation. Every /v1 request is authenticated "
                        + "with an API key (`Authorization: Bearer kiln_sk_…`), rate limited per key "
                        + "(`X-RateLimit-*` headers) and gated by the account's plan. Errors are "
                        + "`{\"error\": \"<Name>\", \"message\": \"…\", \"status\": <code>}`."),
        security = @SecurityRequirement(name = ApiDocs.BEARER),
        tags = {
                @Tag(name = ApiDocs.TAG_TEMPLATES, description = "Templates: built-in starter templates and the "
                        + "account's own (canvas and named layers)"),
                @Tag(name = ApiDocs.TAG_IMAGES, description = "Template image jobs (every plan)"),
                @Tag(name = ApiDocs.TAG_VIDEOS, description = "Template video jobs: a template's layers over an input "
                        + "video (Automate plan and up)"),
                @Tag(name = ApiDocs.TAG_AI_IMAGES, description = "AI image generation jobs (Scale plan and up)"),
                @Tag(name = ApiDocs.TAG_AI_VIDEOS, description = "AI video generation jobs (Scale plan and up)"),
                @Tag(name = ApiDocs.TAG_ACCOUNT, description = "The calling account"),
                @Tag(name = ApiDocs.TAG_ADMIN, description = "Operator API (admin token): accounts, keys, plans, credits")})
@SecurityScheme(securitySchemeName = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key (`kiln_sk_…`); for /admin/v1 the admin token")
public class ApiDocs extends Application {
    public static final String BEARER = "bearer";
    public static final String TAG_TEMPLATES = "Templates";
    public static final String TAG_IMAGES = "Images";
    public static final String TAG_VIDEOS = "Videos";
    public static final String TAG_AI_IMAGES = "AI images";
    public static final String TAG_AI_VIDEOS = "AI videos";
    public static final String TAG_ACCOUNT = "Account";
    public static final String TAG_ADMIN = "Admin";

    /** Descriptions of the error answers of the create endpoints. */
    public static final String E400 = "ValidationError: invalid field or option (the message names it), malformed JSON, bad Idempotency-Key";
    public static final String E401 = "AuthenticationError: missing, invalid, revoked or expired API key";
    public static final String E402 = "QuotaExceededError: billing refused the credit reservation, or the API key's credit limit is reached";
    public static final String E403 = "PlanRestrictedError: the plan does not include the feature, or the key's model allowlist excludes the model";
    public static final String E403_PLAN = "PlanRestrictedError: the account's plan does not include the feature";
    public static final String E409 = "ConflictError: a request with the same Idempotency-Key is still in flight";
    public static final String E413 = "PayloadTooLargeError: the body is larger than the limit";
    public static final String E422 = "IdempotencyKeyReusedError: the Idempotency-Key was used with a different request";
    public static final String E429 = "RateLimitError: the key's rate limit is used up; Retry-After says when to retry";
    public static final String E404_TEMPLATE = "NotFoundError: no template with this id (or slug, for renders) that the account sees";
    public static final String E503 = "ServiceUnavailableError: billing did not answer in time; nothing was charged";
}
