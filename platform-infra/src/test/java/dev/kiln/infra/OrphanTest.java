package dev.kiln.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that started infrastructure with SIGKILL and checks that its child processes die too. */
class OrphanTest {

    @Test
    void childProcessesDieWhenTheJvmIsKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path pidFile = dir.resolve("pids");
        Path log = dir.resolve("child.log");
        Process jvm = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OrphanMain.class.getName(), pidFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Map<String, String> written = new HashMap<>();
        Map<String, Long> pids = new HashMap<>();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .failFast("the child JVM exited", () -> !jvm.isAlive())
                    .until(() -> Files.exists(pidFile));
            for (String line : Files.readAllLines(pidFile)) {
                String[] kv = line.split("=", 2);
                written.put(kv[0], kv[1]);
            }
            written.forEach((name, pid) -> {
                if (!name.equals("temp")) {
                    pids.put(name, Long.parseLong(pid));
                }
            });
            assertEquals(List.of("postgres", "redis", "s3"), pids.keySet().stream().sorted().toList());
            pids.values().forEach(pid -> assertTrue(alive(pid), "pid " + pid + " should be running"));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("the child JVM wrote no pids; its output:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"), e);
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hooks
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
        Path tempRoot = Path.of(written.get("temp"));
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> pids.values().stream().noneMatch(OrphanTest::alive));
        System.out.printf("children %s gone %d ms after SIGKILL of the parent JVM%n", pids,
                (System.nanoTime() - t0) / 1_000_000);
        FileUtil.deleteTree(tempRoot); // the killed JVM could not clean up (a later KilnInfra would)
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
