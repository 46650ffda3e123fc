package dev.kiln.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Started as a separate JVM by {@link OrphanTest}: starts PostgreSQL, Redis and s3proxy, writes their pids
 * (and its scratch directory) to the file named by its first argument, and waits to be killed.
 */
public final class OrphanMain {

    private OrphanMain() {
    }

    public static void main(String[] args) throws Exception {
        KilnInfra infra = KilnInfra.builder().kafka(false).build();
        StringBuilder out = new StringBuilder("temp=").append(infra.tempRoot()).append('\n');
        infra.processIds().forEach((name, pid) -> out.append(name).append('=').append(pid).append('\n'));
        Path target = Path.of(args[0]);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, out);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(Long.MAX_VALUE);
    }
}
