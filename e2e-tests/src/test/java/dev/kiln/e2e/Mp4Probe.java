package dev.kiln.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a video file holds, read the way a client would check it: the static ffmpeg of
 * {@code ws.schild:jave-nativebin-linux64} describes the file ({@code ffmpeg -i}), independent of the
 * services' own code.
 *
 * @param durationSeconds the container's duration
 * @param videoCodec      codec of the first video stream, e.g. {@code h264}
 * @param width           its width in pixels
 * @param height          its height in pixels
 * @param hasAudio        whether there is an audio stream
 */
record Mp4Probe(double durationSeconds, String videoCodec, int width, int height, boolean hasAudio) {
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern VIDEO = Pattern.compile("Stream #0:\\d+.*?: Video: (\\w+).*?, (\\d{2,5})x(\\d{2,5})");

    static Mp4Probe of(Path file) throws IOException, InterruptedException {
        Path ffmpeg = Files.createTempFile("kiln-e2e-ffmpeg", "");
        Path log = Files.createTempFile("kiln-e2e-ffmpeg", ".log");
        try (InputStream in = Mp4Probe.class.getClassLoader().getResourceAsStream("ws/schild/jave/nativebin/ffmpeg-amd64")) {
            if (in == null) {
                throw new IllegalStateException("no ffmpeg in jave-nativebin-linux64 on the test classpath");
            }
            Files.copy(in, ffmpeg, StandardCopyOption.REPLACE_EXISTING);
            if (!ffmpeg.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + ffmpeg + " executable");
            }
            Process process = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-nostdin", "-i", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg -i did not finish in 60 s");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher d = DURATION.matcher(text);
            Matcher v = VIDEO.matcher(text);
            if (!d.find() || !v.find()) {
                throw new IllegalStateException("not a video: " + text);
            }
            double seconds = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60
                    + Double.parseDouble(d.group(3));
            return new Mp4Probe(seconds, v.group(1), Integer.parseInt(v.group(2)), Integer.parseInt(v.group(3)),
                    text.contains(": Audio: "));
        } finally {
            Files.deleteIfExists(ffmpeg);
            Files.deleteIfExists(log);
        }
    }
}
