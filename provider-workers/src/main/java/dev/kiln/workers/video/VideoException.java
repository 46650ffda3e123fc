package dev.kiln.workers.video;

import dev.kiln.workers.domain.GenerationException;

/**
 * A template video that could not be made. {@link #errorCode()} is stable and machine-readable:
 * <ul>
 *   <li>{@value #TOOLKIT_MISSING}: no usable ffmpeg (the bundled one cannot run on this platform, or the
 *       configured {@code kiln.workers.video.ffmpeg-path} does not exist or does not start);</li>
 *   <li>{@value #INVALID_MEDIA}: an input (video, overlay or audio) is not media ffmpeg can read, or the
 *       video has no video stream;</li>
 *   <li>{@value #FFMPEG_FAILED}: ffmpeg ran but failed; the message ends with the tail of its error output;</li>
 *   <li>{@value #TIMEOUT}: ffmpeg ran longer than its wall-clock limit and was killed;</li>
 *   <li>{@value #MEDIA_TOO_LONG}: the input video is longer than a template video may be (nothing is cut);</li>
 *   <li>{@value #INVALID_OPTION}: a request option of a template video has a value it cannot take.</li>
 * </ul>
 */
public class VideoException extends GenerationException {
    public static final String TOOLKIT_MISSING = "toolkit_missing";
    public static final String INVALID_MEDIA = "invalid_media";
    public static final String FFMPEG_FAILED = "ffmpeg_failed";
    public static final String TIMEOUT = "timeout";
    public static final String MEDIA_TOO_LONG = "media_too_long";
    public static final String INVALID_OPTION = "invalid_option";

    public VideoException(String errorCode, String message) {
        super(errorCode, message);
    }

    public VideoException(String errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
    }
}
