package org.advlens.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fuzz inputs in child JVMs, in batches, for loaders whose native code could crash the process (the HDF5
 * library): a crash ends one child, is counted with the seed it was loading, and the next batch starts after that
 * seed. The child is a main class started with this JVM's {@code java} and class path (in {@code CLASSPATH}, so that
 * its command line stays as short as the app's) and the arguments
 * {@code firstSeed count directory}; for each seed it prints {@code <start> seed} before the load and
 * {@code <result> seed outcome millis message} after it, where the outcome is {@code loaded}, {@code refused} (the
 * documented exception with a message) or {@code escaped} (anything else).
 *
 * <p>A seed with a start line and no result line is counted as <em>crashed</em> when the child then ended on its
 * own (killed by a signal, or exited), and as <em>timed out</em> when no line came for {@code perInput} and the
 * child was killed. A child may take {@code startup} before its first start line (it may warm up by loading a
 * valid file, so that starting the native libraries is not counted against one input); a child that ends or hangs
 * before its first input is counted against that input's seed, with what happened.
 */
public final class ForkedFuzzer {

    private static final Logger LOG = LoggerFactory.getLogger(ForkedFuzzer.class);
    private static final String END = "\u0000end";

    /** One input that did not load or fail with a message: its seed and what happened. */
    public record Failure(long seed, String what) {
    }

    /**
     * The counts of one run: inputs, loaded, refused with a message, the failures by kind, the children started,
     * the milliseconds the loads took inside the children, and the wall time of the whole run.
     */
    public record Report(String format, int inputs, int loaded, int refused, List<Failure> escaped,
            List<Failure> crashed, List<Failure> timedOut, int children, long loadMillis, long wallMillis) {

        /** True when every input loaded or was refused with a message. */
        public boolean clean() {
            return escaped.isEmpty() && crashed.isEmpty() && timedOut.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%s: %d inputs in %d child JVMs, %d loaded, %d refused with a message, %d escaped,"
                    + " %d crashed, %d timed out; %.1f s of loads (%.0f ms an input), %.1f s wall (%.0f ms an"
                    + " input)%s%s%s", format, inputs, children, loaded, refused, escaped.size(), crashed.size(),
                    timedOut.size(), loadMillis / 1000.0, inputs == 0 ? 0.0 : (double) loadMillis / inputs,
                    wallMillis / 1000.0, inputs == 0 ? 0.0 : (double) wallMillis / inputs,
                    escaped.isEmpty() ? "" : "; escaped: " + escaped, crashed.isEmpty() ? "" : "; crashed: " + crashed,
                    timedOut.isEmpty() ? "" : "; timed out: " + timedOut);
        }
    }

    private final String format;
    private final String mainClass;
    private final String startTag;
    private final String resultTag;
    private final Duration perInput;
    private final Duration startup;

    public ForkedFuzzer(String format, Class<?> mainClass, String startTag, String resultTag, Duration perInput,
            Duration startup) {
        this.format = format;
        this.mainClass = mainClass.getName();
        this.startTag = startTag;
        this.resultTag = resultTag;
        this.perInput = perInput;
        this.startup = startup;
    }

    /** Runs seeds {@code firstSeed} to {@code firstSeed + count - 1}, at most {@code batch} per child JVM. */
    public Report run(long firstSeed, int count, int batch, Path dir) {
        long wallStart = System.nanoTime();
        Counts counts = new Counts();
        long next = firstSeed;
        long end = firstSeed + count;
        int children = 0;
        while (next < end) {
            int n = (int) Math.min(batch, end - next);
            next = runBatch(next, n, dir, counts, children++);
        }
        Report report = new Report(format, counts.loaded + counts.refused + counts.escaped.size()
                + counts.crashed.size() + counts.timedOut.size(), counts.loaded, counts.refused,
                List.copyOf(counts.escaped), List.copyOf(counts.crashed), List.copyOf(counts.timedOut), children,
                counts.loadMillis, (System.nanoTime() - wallStart) / 1_000_000);
        LOG.info("fuzz {}", report);
        return report;
    }

    private static final class Counts {
        int loaded;
        int refused;
        long loadMillis;
        final List<Failure> escaped = new ArrayList<>();
        final List<Failure> crashed = new ArrayList<>();
        final List<Failure> timedOut = new ArrayList<>();
    }

    /** Runs one child from {@code first}; returns the seed the next child starts at. */
    private long runBatch(long first, int n, Path dir, Counts counts, int index) {
        Path log = dir.resolve("child-" + index + ".log");
        Process child;
        try {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), mainClass, Long.toString(first), Integer.toString(n), dir.toString());
            // in CLASSPATH, not -cp: the loaders must run as in the app, whose short command line lets ONNX Runtime
            // start (OnnxRuntimeForward)
            builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            child = builder.redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + format, e);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith(startTag + " ") || line.startsWith(resultTag + " ")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("child output ended: {}", e.toString());
            } finally {
                lines.add(END);
            }
        }, "fuzz-child-reader");
        reader.setDaemon(true);
        reader.start();
        Long running = null;
        int done = 0;
        try {
            while (true) {
                boolean started = running != null || done > 0;
                Duration bound = started ? perInput : startup;
                String line = lines.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    child.destroyForcibly().waitFor();
                    long seed = running != null ? running : first + done;
                    counts.timedOut.add(new Failure(seed, started ? "no result within " + bound.toSeconds() + " s"
                            : "the child did not reach its first input within " + bound.toSeconds() + " s"));
                    return seed + 1;
                }
                if (line.equals(END)) {
                    if (!child.waitFor(perInput.toMillis(), TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly().waitFor();
                    }
                    int exit = child.exitValue();
                    if (running != null || done < n) {
                        long seed = running != null ? running : first + done;
                        counts.crashed.add(new Failure(seed, "child exited with " + describeExit(exit)
                                + (started ? " and no result" : " before its first input") + "; its stderr: "
                                + tail(log)));
                        return seed + 1;
                    }
                    return first + n;
                }
                String[] parts = line.split(" ", 5);
                long seed = Long.parseLong(parts[1]);
                if (parts[0].equals(startTag)) {
                    running = seed;
                    continue;
                }
                running = null;
                done++;
                counts.loadMillis += Long.parseLong(parts[3]);
                String message = parts.length > 4 ? parts[4] : "";
                switch (parts[2]) {
                    case "loaded" -> counts.loaded++;
                    case "refused" -> counts.refused++;
                    default -> counts.escaped.add(new Failure(seed, message));
                }
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fuzzing " + format, e);
        }
    }

    private static String describeExit(int exit) {
        return exit > 128 ? "status " + exit + " (signal " + (exit - 128) + ")" : "status " + exit;
    }

    private static String tail(Path log) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
