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
    public static final String ERROR = """
            {"error": "QuotaExceededError", "message": "Not enough credits: this request needs 4, 1 available", \
            "status": 402}""";
}
