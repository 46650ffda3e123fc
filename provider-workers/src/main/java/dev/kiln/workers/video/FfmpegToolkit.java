package dev.kiln.workers.video;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code ffmpeg} program with a wall-clock limit.
 *
 * <p>Where ffmpeg comes from: by default the static GPL build (with libx264) that the Maven artifact
 * {@code ws.schild:jave-nativebin-linux64} carries as a resource; it is copied once into
 * {@code <java.io.tmpdir>/kiln-ffmpeg/<size>/ffmpeg} (atomically, so concurrent workers agree) and made
 * executable. It needs no shared library of the system, so a fresh linux-x86_64 machine needs nothing
 * beyond the Maven build. With {@code kiln.workers.video.ffmpeg-path} set, that program is used instead
 * (any ffmpeg with libx264 and the native AAC encoder, e.g. a system one).
 *
 * <p>Every run gets {@code -nostdin}; stdout is discarded and stderr is captured into a temporary file
 * (no pipe can fill up and stall the process). A run that outlives its timeout is killed (with its
 * descendants) and reported as {@value VideoException#TIMEOUT}.
 *
 * <p><b>Untrusted inputs.</b> A media file can make ffmpeg open other files or URLs (an HLS or concat
 * playlist saved as {@code .mp4}, a {@code .mov} with external references, …). Every input a user
 * supplied is therefore opened with {@link #guardedInput}: the {@code file} protocol only, and only the
 * demuxers of {@link #INPUT_FORMATS} (plain media containers, audio formats and still images; no
 * playlists, no network formats); {@link #probe} does the same.
 */
public class FfmpegToolkit {
    /** Config key of an ffmpeg program to use instead of the bundled one. */
    public static final String FFMPEG_PATH_KEY = "kiln.workers.video.ffmpeg-path";
    /** Config key of the wall-clock limit of one ffmpeg run (ISO-8601 or e.g. {@code 10m}). */
    public static final String TIMEOUT_KEY = "kiln.workers.video.timeout";
    /** Default wall-clock limit of one ffmpeg run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The demuxers an untrusted input may be read with: MP4/MOV/M4A, Matroska/WebM, AVI, FLV, MPEG-TS/PS,
     * Ogg, MP3, WAV, AAC, FLAC, GIF and the still-image readers (PNG, JPEG, WebP, BMP).
     */
    public static final String INPUT_FORMATS = "mov,matroska,avi,flv,mpegts,mpeg,ogg,mp3,wav,aac,flac,gif,"
            + "image2,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe";

    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static final int STDERR_TAIL = 2000;

    private final Optional<Path> configuredPath;
    private final Duration timeout;
    private volatile Path resolved;

    /**
     * @param configuredPath an ffmpeg program to use; empty for the bundled build
     * @param timeout        wall-clock limit of one run
     */
    public FfmpegToolkit(Optional<Path> configuredPath, Duration timeout) {
        this.configuredPath = Objects.requireNonNull(configuredPath);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /** The bundled build with {@link #DEFAULT_TIMEOUT}. */
    public static FfmpegToolkit bundled() {
        return new FfmpegToolkit(Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** Reads {@value #FFMPEG_PATH_KEY} and {@value #TIMEOUT_KEY} from the MicroProfile config. */
    public static FfmpegToolkit fromConfig() {
        Config config = ConfigProvider.getConfig();
        Optional<Path> path = config.getOptionalValue(FFMPEG_PATH_KEY, String.class)
                .filter(s -> !s.isBlank()).map(Path::of);
        Duration timeout = config.getOptionalValue(TIMEOUT_KEY, String.class).filter(s -> !s.isBlank())
                .map(FfmpegToolkit::parseDuration).orElse(DEFAULT_TIMEOUT);
        return new FfmpegToolkit(path, timeout);
    }

    /** {@code PT10M} (ISO-8601) or a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(TIMEOUT_KEY + " is not a duration (10m, 90s, PT10M): " + text, e);
        }
    }

    /** The wall-clock limit of one run. */
    public Duration timeout() {
        return timeout;
    }

    /** A toolkit with the same program and another wall-clock limit. */
    public FfmpegToolkit withTimeout(Duration newTimeout) {
        FfmpegToolkit copy = new FfmpegToolkit(configuredPath, newTimeout);
        copy.resolved = resolved;
        return copy;
    }

    /**
     * The ffmpeg program, extracting the bundled one at first use.
     *
     * @throws VideoException {@value VideoException#TOOLKIT_MISSING} when there is none
     */
    public Path executable() {
        Path path = resolved;
        if (path == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = locate();
                }
                path = resolved;
            }
        }
        return path;
    }

    private Path locate() {
        if (configuredPath.isPresent()) {
            Path path = configuredPath.get();
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new VideoException(VideoException.TOOLKIT_MISSING,
                        FFMPEG_PATH_KEY + " names no executable file: " + path);
            }
            return path;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new VideoException(VideoException.TOOLKIT_MISSING, "the bundled ffmpeg is for linux-x86_64 only (this is "
                    + os + "-" + arch + "); set " + FFMPEG_PATH_KEY);
        }
        URL resource = FfmpegToolkit.class.getClassLoader().getResource(BUNDLED_RESOURCE);
        if (resource == null) {
            throw new VideoException(VideoException.TOOLKIT_MISSING, "the bundled ffmpeg (" + BUNDLED_RESOURCE
                    + " of ws.schild:jave-nativebin-linux64) is not on the class path; set " + FFMPEG_PATH_KEY);
        }
        try {
            long size = resource.openConnection().getContentLengthLong();
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kiln-ffmpeg", Long.toString(size));
            Path target = dir.resolve("ffmpeg");
            if (Files.isExecutable(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "ffmpeg", ".part");
            try (InputStream in = resource.openStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!temp.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + temp + " executable");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new VideoException(VideoException.TOOLKIT_MISSING, "cannot extract the bundled ffmpeg: " + e.getMessage(), e);
        }
    }

    /** How a run ended: its exit code and its error output. */
    public record Result(int exitCode, String stderr) {
        /** The last {@value #STDERR_TAIL_CHARS} characters of stderr, for error messages. */
        public String stderrTail() {
            String s = stderr.strip();
            return s.length() <= STDERR_TAIL_CHARS ? s : "…" + s.substring(s.length() - STDERR_TAIL_CHARS);
        }

        static final int STDERR_TAIL_CHARS = STDERR_TAIL;
    }

    /**
     * Runs ffmpeg with {@code -hide_banner -nostdin} and the given arguments, waits at most
     * {@link #timeout()}.
     *
     * @return the result, whatever the exit code
     * @throws VideoException {@value VideoException#TOOLKIT_MISSING} when ffmpeg cannot be started,
     *                        {@value VideoException#TIMEOUT} when it was killed
     */
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 3);
        command.add(executable().toString());
        command.add("-hide_banner");
        command.add("-nostdin");
        command.addAll(args);
        Path stderrFile = null;
        Process process = null;
        try {
            stderrFile = Files.createTempFile("kiln-ffmpeg", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderrFile.toFile());
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new VideoException(VideoException.TOOLKIT_MISSING, "cannot start ffmpeg (" + command.getFirst() + "): "
                        + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new VideoException(VideoException.TIMEOUT, "ffmpeg ran longer than " + timeout + " and was killed");
            }
            return new Result(process.exitValue(), Files.readString(stderrFile, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new VideoException(VideoException.FFMPEG_FAILED, "interrupted while ffmpeg ran", e);
        } catch (IOException e) {
            kill(process);
            throw new VideoException(VideoException.FFMPEG_FAILED, "ffmpeg I/O: " + e.getMessage(), e);
        } finally {
            if (stderrFile != null) {
                try {
                    Files.deleteIfExists(stderrFile);
                } catch (IOException ignored) {
                    // a leftover log in the temp directory is harmless
                }
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs ffmpeg and requires exit code 0.
     *
     * @throws VideoException {@value VideoException#FFMPEG_FAILED} with the tail of stderr otherwise
     */
    public Result runChecked(List<String> args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new VideoException(VideoException.FFMPEG_FAILED, "ffmpeg exited with " + result.exitCode() + ": "
                    + result.stderrTail());
        }
        return result;
    }

    /**
     * The arguments that open {@code file} as an input ({@code -i file}) read with the {@code file}
     * protocol and the demuxers of {@link #INPUT_FORMATS} only. Input options (such as {@code -loop 1})
     * go before them.
     */
    public static List<String> guardedInput(Path file) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", INPUT_FORMATS, "-i", file.toString());
    }

    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern INPUT = Pattern.compile("Input #0, (.+?), from ");
    /**
     * Reads a media file's duration and first video and audio stream, with ffmpeg's own input report
     * ({@code ffmpeg -i file}, no output), opened as an untrusted input ({@link #guardedInput}).
     *
     * @throws VideoException {@value VideoException#INVALID_MEDIA} when ffmpeg cannot read it
     */
    public MediaInfo probe(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VideoException(VideoException.INVALID_MEDIA, "no such file: " + file.getFileName());
        }
        Result result = run(guardedInput(file));
        String err = result.stderr();
        Matcher input = INPUT.matcher(err);
        if (!input.find()) {
            throw new VideoException(VideoException.INVALID_MEDIA, file.getFileName() + " is not media ffmpeg can read: "
                    + result.stderrTail());
        }
        double duration = -1;
        Matcher d = DURATION.matcher(err);
        if (d.find()) {
            duration = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60
                    + Double.parseDouble(d.group(3));
        }
        Optional<MediaInfo.VideoStream> video = Optional.empty();
        Optional<MediaInfo.AudioStream> audio = Optional.empty();
        for (String line : err.split("\\R")) {
            int at = line.indexOf(": Video: ");
            if (video.isEmpty() && line.contains("Stream #0:") && at >= 0) {
                List<String> parts = topLevelParts(line.substring(at + 9));
                Optional<int[]> size = parts.stream().map(String::strip).filter(p -> p.matches("\\d+x\\d+( .*)?"))
                        .findFirst().map(p -> p.split(" ")[0].split("x"))
                        .map(wh -> new int[]{Integer.parseInt(wh[0]), Integer.parseInt(wh[1])});
                if (size.isPresent() && parts.size() > 1) {
                    video = Optional.of(new MediaInfo.VideoStream(firstWord(parts.get(0)),
                            parts.get(1).strip().replaceAll("\\(.*", ""), size.get()[0], size.get()[1]));
                }
            }
            at = line.indexOf(": Audio: ");
            if (audio.isEmpty() && line.contains("Stream #0:") && at >= 0) {
                List<String> parts = topLevelParts(line.substring(at + 9));
                if (parts.size() > 2 && parts.get(1).strip().matches("\\d+ Hz")) {
                    audio = Optional.of(new MediaInfo.AudioStream(firstWord(parts.get(0)),
                            Integer.parseInt(parts.get(1).strip().split(" ")[0]), parts.get(2).strip()));
                }
            }
        }
        return new MediaInfo(input.group(1), duration, video, audio);
    }

    private static String firstWord(String s) {
        return s.strip().split("[ (]")[0];
    }

    /** Splits at commas that are not inside parentheses. */
    private static List<String> topLevelParts(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
