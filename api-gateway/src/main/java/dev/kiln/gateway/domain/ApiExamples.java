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
    public static final String TEMPLATE_LIST = """
            [{"id": "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2", "name": "Product card", "slug": "product-card", \
            "canvas_width": 1080, "canvas_height": 1080, "background_color": "#F4EFE6", "built_in": true, \
            "created_at": "2026-01-02T03:04:05.123456Z", "updated_at": "2026-01-02T03:04:05.123456Z"}, \
            {"id": "413636d4-29d5-3111-bab3-5df5d92064a9", "name": "Story promo", "slug": "story-promo", \
            "canvas_width": 1080, "canvas_height": 1920, "background_color": "#101828", "built_in": true, \
            "created_at": "2026-01-02T03:04:05.123456Z", "updated_at": "2026-01-02T03:04:05.123456Z"}]""";
    public static final String TEMPLATE = """
            {"uid": "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2", "name": "Product card", "slug": "product-card", \
            "width": 1080, "height": 1080, "available_properties": [\
            {"name": "card", "type": "color", "layer_type": "shape", "default": {"color": "#FFFFFF"}}, \
            {"name": "background", "type": "image", "layer_type": "image", "default": {"image_url": null}}, \
            {"name": "badge", "type": "color", "layer_type": "shape", "default": {"color": "#E4572E"}}, \
            {"name": "badge_text", "type": "text", "layer_type": "text", "default": {"text": "NEW", "color": "#FFFFFF"}}, \
            {"name": "title", "type": "text", "layer_type": "text", "default": {"text": "Product name", "color": "#1F2328"}}, \
            {"name": "description", "type": "text", "layer_type": "text", \
            "default": {"text": "A short description of the product.", "color": "#57606A"}}, \
            {"name": "price", "type": "text", "layer_type": "text", "default": {"text": "$49", "color": "#E4572E"}}], \
            "canvas": {"width": 1080, "height": 1080, "background_color": "#F4EFE6", "transparent": false}, \
            "layers": [{"type": "shape", "name": "card", "x": 40, "y": 40, "width": 1000, "height": 1000, \
            "shape": "rectangle", "fill": "#FFFFFF", "border_color": "#E7E0D4", "border_width": 2, "corner_radius": 48}, \
            {"type": "image", "name": "background", "x": 80, "y": 80, "width": 920, "height": 560, "image_url": null, \
            "fit": "cover", "corner_radius": 32}], \
            "built_in": true, "created_at": "2026-01-02T03:04:05.123456Z", "updated_at": "2026-01-02T03:04:05.123456Z"}""";
    public static final String TEMPLATE_REQUEST = """
            {"name": "Summer sale card", "slug": "summer-sale-card", \
            "canvas": {"width": 1080, "height": 1080, "background_color": "#FFF8E7", "transparent": false}, \
            "layers": [{"type": "image", "name": "background", "x": 0, "y": 0, "width": 1080, "height": 1080, \
            "fit": "cover"}, \
            {"type": "shape", "name": "band", "x": 0, "y": 760, "width": 1080, "height": 320, "fill": "#00000099"}, \
            {"type": "text", "name": "title", "x": 60, "y": 790, "width": 960, "height": 160, "text": "Summer sale", \
            "font_size": 96, "font_weight": 700, "color": "#FFFFFF", "align": "center", "vertical_align": "middle", \
            "auto_fit": true, "min_font_size": 40}, \
            {"type": "text", "name": "price", "x": 60, "y": 960, "width": 960, "height": 90, "text": "-30%", \
            "font_size": 64, "color": "#FDB022", "align": "center"}, \
            {"type": "qr_code", "name": "qr", "x": 900, "y": 40, "width": 140, "height": 140, \
            "data": "https://example.com/sale"}]}""";
    public static final String TEMPLATE_IMAGE_REQUEST = """
            {"template": "product-card", "properties": [{"name": "title", "text": "My Awesome Product!"}, \
            {"name": "background", "image_url": "https://example.com/bg.jpg"}, \
            {"name": "price", "text": "$29.99", "color": "#FF6B6B"}], \
            "transparent": false, "webhook_url": "https://example.com/hooks/kiln"}""";
    public static final String TEMPLATE_IMAGE_JOB = """
            {"uid": "img_4n6p8r2s4t6v8x2z4b6d8f2h", "status": "pending", "template": "product-card", \
            "template_id": "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2", \
            "properties": [{"name": "title", "text": "My Awesome Product!", "image_url": null, "color": null}, \
            {"name": "background", "text": null, "image_url": "https://example.com/bg.jpg", "color": null}, \
            {"name": "price", "text": "$29.99", "image_url": null, "color": "#FF6B6B"}], \
            "transparent": false, "width": 1080, "height": 1080, "credits": 1, "image_url": null, "error": null, \
            "webhook_url": "https://example.com/hooks/kiln", \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:04:05.123Z"}""";
    public static final String TEMPLATE_IMAGE_COMPLETED = """
            {"uid": "img_4n6p8r2s4t6v8x2z4b6d8f2h", "status": "completed", "template": "product-card", \
            "template_id": "ceec1f50-7613-3d6e-b80d-7bb86abb0bf2", \
            "properties": [{"name": "title", "text": "Hello World", "image_url": null, "color": null}], \
            "transparent": false, "width": 1080, "height": 1080, "credits": 1, \
            "image_url": "https://assets.example.com/v1/assets/outputs/img_4n6p8r2s4t6v8x2z4b6d8f2h/0.png?expires=1767326645&signature=…", \
            "error": null, "webhook_url": null, \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:04:05.912Z"}""";
    public static final String TEMPLATE_VIDEO_REQUEST = """
            {"template": "story-promo", "input_media_url": "https://example.com/clip.mp4", \
            "properties": [{"name": "title", "text": "Spring Sale 2026"}, {"name": "subtitle", "text": "Up to 50% off"}], \
            "audio_url": "https://example.com/bgm.mp3", "audio_mode": "replace", \
            "webhook_url": "https://example.com/hooks/kiln"}""";
    public static final String TEMPLATE_VIDEO_JOB = """
            {"uid": "vid_5p7r2t2v4x6z3b2d4f6h7j2k", "status": "pending", "template": "story-promo", \
            "template_id": "413636d4-29d5-3111-bab3-5df5d92064a9", "input_media_url": "https://example.com/clip.mp4", \
            "properties": [{"name": "title", "text": "Spring Sale 2026", "image_url": null, "color": null}, \
            {"name": "subtitle", "text": "Up to 50% off", "image_url": null, "color": null}], \
            "audio_url": "https://example.com/bgm.mp3", "audio_mode": "replace", "width": 1080, "height": 1920, \
            "credits": 5, "video_url": null, "error": null, "webhook_url": "https://example.com/hooks/kiln", \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:04:05.123Z"}""";
    public static final String TEMPLATE_VIDEO_COMPLETED = """
            {"uid": "vid_5p7r2t2v4x6z3b2d4f6h7j2k", "status": "completed", "template": "story-promo", \
            "template_id": "413636d4-29d5-3111-bab3-5df5d92064a9", "input_media_url": "https://example.com/clip.mp4", \
            "properties": [{"name": "title", "text": "Spring Sale 2026", "image_url": null, "color": null}], \
            "audio_url": null, "audio_mode": "replace", "width": 1080, "height": 1920, "credits": 5, \
            "video_url": "https://assets.example.com/v1/assets/outputs/acc_2m4xkz3c5v6b7n2p7r2s3t4u/vid_5p7r2t2v4x6z3b2d4f6h7j2k/0.mp4?expires=1767326645&signature=…", \
            "error": null, "webhook_url": null, \
            "created_at": "2026-01-02T03:04:05.123Z", "updated_at": "2026-01-02T03:04:41.512Z"}""";
    public static final String INPUT_MEDIA_REQUIRED = """
            {"error": "ValidationError", "message": "'input_media_url' is required (an absolute http or https URL of \
            the video to draw the template over)", "status": 400}""";
    public static final String VIDEO_PLAN_RESTRICTED = """
            {"error": "PlanRestrictedError", "message": "Video generation requires the Automate plan or higher; this \
            account is on the Free Trial plan", "status": 403}""";
    public static final String QUOTE_TEMPLATE_VIDEO_REQUEST = """
            {"type": "template_video", "template": "story-promo", "input_media_url": "https://example.com/clip.mp4"}""";
    public static final String QUOTE_TEMPLATE_VIDEO = """
            {"type": "template_video", "model": "template-video", "credits_needed": 5, "width": 1080, "height": 1920, \
            "template": "story-promo"}""";
    public static final String ERROR = """
            {"error": "QuotaExceededError", "message": "Not enough credits: this request needs 4, 1 available", \
            "status": 402}""";
    public static final String UNKNOWN_PROPERTY = """
            {"error": "ValidationError", "message": "Unknown property 'subtitle': template 'product-card' has no \
            layer of that name; available properties: card, background, badge, badge_text, title, description, price", \
            "status": 400}""";
    public static final String TEMPLATE_NOT_FOUND = """
            {"error": "NotFoundError", "message": "Template 'summer-sale' not found", "status": 404}""";
    public static final String BUILT_IN_READ_ONLY = """
            {"error": "ForbiddenError", "message": "Template 'product-card' is a built-in template and cannot be \
            changed or deleted; create your own copy with POST /v1/templates", "status": 403}""";
}
