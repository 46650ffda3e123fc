package dev.kiln.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watchdog that makes sure child processes do not outlive this JVM, even when the JVM is killed with
 * {@code SIGKILL} (where shutdown hooks do not run).
 * <p>
 * For every watched process a tiny detached shell loop ({@code setsid sh -c ...}) is spawned. It polls
 * {@code kill -0 <this JVM's pid>} every second; once this JVM is gone (or a zombie) it sends a grace signal
 * ({@code SIGTERM}, {@code SIGQUIT} for PostgreSQL) to the watched process and all its descendants, waits up to
 * 5 seconds and then sends {@code SIGKILL}. The loop exits by itself when the watched process ends first, so a
 * recycled pid is never hit after a clean stop.
 * <p>
 * Linux/macOS only (needs {@code /bin/sh}); on Windows the calls are no-ops.
 */
public final class ProcessReaper {

    private static final System.Logger LOG = System.getLogger(ProcessReaper.class.getName());
    private static final boolean SUPPORTED = !System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    private static final boolean HAS_SETSID = SUPPORTED
            && (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute());
    private static final Set<Watch> WATCHES = ConcurrentHashMap.newKeySet();

    /**
     * The watchdog script. $1 = pid of the JVM, $2 = pid to kill, $3 = grace signal.
     * "alive" treats zombies as dead (a killed JVM stays a zombie until its parent reaps it).
     */
    private static final String SCRIPT = """
            alive() {
              kill -0 "$1" 2>/dev/null || return 1
              if [ -r "/proc/$1/stat" ]; then
                read -r st < "/proc/$1/stat" 2>/dev/null || return 1
                st=${st##*) }; st=${st%% *}
                [ "$st" != Z ] || return 1
              fi
              return 0
            }
            desc() {
              for t in /proc/$1/task/*/children; do
                [ -r "$t" ] || continue
                for c in $(cat "$t" 2>/dev/null); do echo "$c"; desc "$c"; done
              done
            }
            trap 'exit 0' TERM HUP INT
            while alive "$1"; do
              alive "$2" || exit 0
              sleep 1
            done
            alive "$2" || exit 0
            pids="$2 $(desc "$2")"
            kill -"$3" $pids 2>/dev/null
            i=0
            while [ $i -lt 25 ] && alive "$2"; do sleep 0.2; i=$((i+1)); done
            kill -KILL $pids $(desc "$2") 2>/dev/null
            exit 0
            """;

    private ProcessReaper() {
    }

    /** Kills {@code child} (and its descendants) with SIGTERM, then SIGKILL, when this JVM dies. */
    public static void watch(ProcessHandle child) {
        register(child.pid(), "TERM");
    }

    /** Kills the process {@code pid} (and its descendants) with SIGTERM, then SIGKILL, when this JVM dies. */
    public static void watchPid(long pid) {
        register(pid, "TERM");
    }

    /**
     * Starts a watchdog for {@code pid}; the returned handle stops the watchdog (not the process) when closed.
     *
     * @param graceSignal signal name sent first, e.g. {@code TERM} or {@code QUIT}
     */
    static Watch register(long pid, String graceSignal) {
        if (!SUPPORTED) {
            return new Watch(null);
        }
        List<String> cmd = new ArrayList<>();
        if (HAS_SETSID) {
            cmd.add("setsid"); // own session: a Ctrl-C to the JVM's process group does not kill the watchdog
        }
        cmd.addAll(List.of("/bin/sh", "-c", SCRIPT, "kiln-reaper",
                Long.toString(ProcessHandle.current().pid()), Long.toString(pid), graceSignal));
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Watch w = new Watch(p);
            WATCHES.add(w);
            LOG.log(Level.DEBUG, "Watching pid {0} (watchdog pid {1})", pid, p.pid());
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the watchdog for pid " + pid, e);
        }
    }

    /** A running watchdog. */
    static final class Watch implements AutoCloseable {
        private final Process process;

        private Watch(Process process) {
            this.process = process;
        }

        /** Stops the watchdog; the watched process is left alone. */
        @Override
        public void close() {
            if (process != null) {
                WATCHES.remove(this);
                process.destroy();
            }
        }
    }
}
