package dev.kiln.gateway.domain;

/** Example bodies of the public API, used in the OpenAPI document ({@code /q/openapi}). */
public final class ApiExamples {
    private ApiExamples() {
    }

    public static final String IMAGE_REQUEST = """
            {"prompt": "A minimalist product photo of a white sneaker", "model": "gemini-2.5-flash-image", \
            "aspect_ratio": "1:1", "image_size": "1K", "webhook_url": "https://example.com/hooks/kiln"}""";
    public static final String IMAGE_JOB = """
            {"uid": "img_7hq2m4xkz3c5v6b7n8p9r2s3", "status": "pending", \
            "prompt": "A minimalist product photo of a white sneaker", "model": "gemini-2.5-flash-image", \
            "aspect_ratio": "1:1", "image_size": "1K", "width": 1024, "height": 1024, "credits": 4, \
            "image_url": null, "error": null, "webhook_url": "https://example.com/hooks/kiln", \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:04:05.123Z"}""";
    public static final String VIDEO_REQUEST = """
            {"prompt": "A white sneaker rotating 360 degrees", "model": "MiniMax-Hailuo-2.3", \
            "aspect_ratio": "16:9", "resolution": "768p", "duration": "6s"}""";
    public static final String VIDEO_JOB = """
            {"uid": "vid_3k5m7n9p2q4r6s8t2v4w6x8y", "status": "completed", \
            "prompt": "A white sneaker rotating 360 degrees", "model": "MiniMax-Hailuo-2.3", \
            "aspect_ratio": "16:9", "resolution": "768p", "duration": "6s", "width": 1366, "height": 768, \
            "credits": 25, "video_url": "https://assets.example.com/v1/assets/outputs/vid_3k5m7n9p2q4r6s8t2v4w6x8y/0.mp4?expires=1767326645&signature=…", \
            "error": null, "webhook_url": null, \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:05:41.007Z"}""";
    public static final String ACCOUNT = """
            {"id": "acc_2m4xkz3c5v6b7n8p9r2s3t4u", "name": "Acme", "plan": "scale", "api_usage": 120, \
            "api_quota": 10000, "credits_available": 9880, "credits_held": 28, "credits_pending": 28, \
            "credits_posted": 9908, "period_start": "2026-01-01T00:00:00Z", "period_end": "2026-02-01T00:00:00Z"}""";
    public static final String QUOTE_REQUEST = """
            {"type": "ai_video", "model": "MiniMax-Hailuo-2.3", "resolution": "1080p"}""";
    public static final String QUOTE = """
            {"type": "ai_video", "model": "MiniMax-Hailuo-2.3", "credits_needed": 49, "aspect_ratio": "16:9", \
            "resolution": "1080p", "duration": "6s", "width": 1920, "height": 1080}""";
    public static final String QUOTE_IMAGE_REQUEST = """
            {"type": "ai_image", "model": "gemini-3-pro-image-preview", "image_size": "4K", "aspect_ratio": "16:9"}""";
    public static final String QUOTE_IMAGE = """
            {"type": "ai_image", "model": "gemini-3-pro-image-preview", "credits_needed": 24, "aspect_ratio": "16:9", \
            "image_size": "4K", "width": 5504, "height": 3072}""";
    public static final String ERROR = """
            {"error": "QuotaExceededError", "message": "Not enough credits: this request needs 4, 1 available", \
            "status": 402}""";
}
