package dev.kiln.workers.video;

import java.util.Optional;

/**
 * What {@link FfmpegToolkit#probe} reads from a media file: the container's duration and its first
 * video and first audio stream (either may be absent).
 *
 * @param durationSeconds the container's duration, or {@code -1} when ffmpeg reports none
 */
public record MediaInfo(String container, double durationSeconds, Optional<VideoStream> video,
                        Optional<AudioStream> audio) {

    /**
     * Whether the file is a still picture (PNG, JPEG, WebP, BMP, …) rather than a video: ffmpeg read it
     * with an image reader ({@code png_pipe}, {@code jpeg_pipe}, {@code image2}, …) and it has no sound.
     */
    public boolean isStillImage() {
        return video.isPresent() && audio.isEmpty()
                && (container.endsWith("_pipe") || container.equals("image2"));
    }

    /** The first video stream: codec name (ffmpeg's, e.g. {@code h264}), pixel format and size. */
    public record VideoStream(String codec, String pixelFormat, int width, int height) {
    }

    /** The first audio stream: codec name (e.g. {@code aac}), sample rate and channel layout. */
    public record AudioStream(String codec, int sampleRate, String channelLayout) {

        /** Channel count for the usual layouts ({@code mono} 1, {@code stereo} 2, {@code N channels}). */
        public int channels() {
            return switch (channelLayout) {
                case "mono" -> 1;
                case "stereo" -> 2;
                case "2.1", "3.0" -> 3;
                case "quad", "4.0" -> 4;
                case "5.0", "5.0(side)" -> 5;
                case "5.1", "5.1(side)" -> 6;
                case "7.1" -> 8;
                default -> channelLayout.matches("\\d+ channels") ? Integer.parseInt(channelLayout.split(" ")[0]) : 0;
            };
        }
    }
}
