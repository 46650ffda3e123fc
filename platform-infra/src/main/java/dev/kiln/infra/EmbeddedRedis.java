package dev.kiln.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * {@code redis-server} 6.2 shipped inside {@code com.github.codemonstur:embedded-redis}, run as a child process
 * (the binary is extracted into a private temp directory) so that this class owns the {@link Process}.
 */
final class EmbeddedRedis implements AutoCloseable {

    private final Process process;
    private final ProcessReaper.Watch watch;
    private final Path binDir;
    private final int port;

    EmbeddedRedis(Path dir, boolean persistent, Path binDir, Path logFile) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        this.binDir = Files.createDirectories(binDir);
        File binary = ExecutableProvider.newJarResourceProvider(binDir.toFile()).get();
        this.port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(binary.getAbsolutePath(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "no",
                "--daemonize", "no",
                "--dir", dir.toAbsolutePath().toString(),
                "--appendonly", "no"));
        if (persistent) {
            cmd.addAll(List.of("--save", "30", "1")); // plus a snapshot on shutdown
        } else {
            cmd.addAll(List.of("--save", ""));
        }
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        this.process = startFreshBinary(builder);
        this.watch = ProcessReaper.register(process.pid(), "TERM");
        try {
            awaitPong(logFile);
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the just-extracted binary. While it was being written, another thread of this JVM may
     * have forked a child (the other components start in parallel) that briefly inherited the
     * open file; exec then fails with ETXTBSY ("Text file busy") until that child has exec'd. The
     * window is milliseconds, so a few short retries are enough.
     */
    private static Process startFreshBinary(ProcessBuilder builder) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                boolean busy = e.getMessage() != null && e.getMessage().contains("Text file busy")
                        || e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("Text file busy");
                if (!busy || attempt == 20) {
                    throw e;
                }
                Thread.sleep(50L * attempt);
            }
        }
    }

    private void awaitPong(Path logFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ":\n"
                        + FileUtil.tail(logFile, 20));
            }
            if (ping()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new IOException("redis-server did not answer PING within 30 s:\n" + FileUtil.tail(logFile, 20));
    }

    private boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.destroy(); // SIGTERM: redis saves (if configured) and exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            watch.close();
            FileUtil.deleteTree(binDir);
        }
    }
}
