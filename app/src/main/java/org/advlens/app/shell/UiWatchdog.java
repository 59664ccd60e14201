package org.advlens.app.shell;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the FX thread: every {@code period} it posts an empty task to the FX thread and measures how long the
 * task waits. A wait longer than {@code threshold} is a stall; it is logged with the FX thread's stack, sampled
 * while the stall lasts, and with the CPU time the FX thread spent during it.
 *
 * <p>The CPU time tells the two kinds of stall apart: a <em>busy</em> stall is the FX thread doing work (layout,
 * rendering, or application code that belongs on the engine thread), a starved one is the FX thread idle but not
 * scheduled because the machine is overloaded. Only busy stalls are the application's fault.
 */
public final class UiWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UiWatchdog.class);
    private static final int KEPT = 200;
    private static final long SAMPLE_MS = 10;

    /**
     * One stall of the FX thread.
     *
     * @param length how long the posted task waited
     * @param cpu the CPU time the FX thread used meanwhile
     * @param stack the FX thread's stack sampled during the stall (the deepest sample that ran application code,
     *              else the last one)
     */
    public record Stall(Duration length, Duration cpu, List<StackTraceElement> stack) {

        public Stall {
            stack = List.copyOf(stack);
        }

        /** Whether the FX thread was working for more than {@code threshold} of the stall. */
        public boolean busyLongerThan(Duration threshold) {
            return cpu.compareTo(threshold) > 0;
        }
    }

    private final Duration threshold;
    private final Duration period;
    private final Consumer<Stall> reporter;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Stall> stalls = new ArrayList<>();
    private final AtomicLong checks = new AtomicLong();
    private volatile Thread fxThread;
    private volatile boolean running = true;
    private final Thread watcher;

    private UiWatchdog(Duration threshold, Duration period, Consumer<Stall> reporter) {
        if (threshold.isNegative() || threshold.isZero() || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("threshold and period must be positive, got " + threshold + " and "
                    + period);
        }
        this.threshold = threshold;
        this.period = period;
        this.reporter = reporter;
        this.watcher = new Thread(this::watch, "advlens-ui-watchdog");
        watcher.setDaemon(true);
    }

    /** Starts watching with a 100 ms threshold, posting every 50 ms, logging each stall. */
    public static UiWatchdog start() {
        return start(Duration.ofMillis(100), Duration.ofMillis(50), UiWatchdog::log);
    }

    public static UiWatchdog start(Duration threshold, Duration period, Consumer<Stall> reporter) {
        UiWatchdog w = new UiWatchdog(threshold, period, reporter);
        w.watcher.start();
        return w;
    }

    /** The stalls seen so far (the latest {@value #KEPT}). */
    public synchronized List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    /** How many times the FX thread was checked. */
    public long checks() {
        return checks.get();
    }

    /** The longest stall in which the FX thread was working, or zero. */
    public synchronized Duration longestBusyStall() {
        return stalls.stream().map(Stall::cpu).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Forgets the stalls seen so far, e.g. those of start-up. */
    public synchronized void reset() {
        stalls.clear();
    }

    public Duration threshold() {
        return threshold;
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }

    private void watch() {
        try {
            while (running) {
                check();
                Thread.sleep(period.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check() throws InterruptedException {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        long posted = System.nanoTime();
        Thread fx = fxThread;
        long cpuBefore = cpuTime(fx);
        Platform.runLater(() -> {
            fxThread = Thread.currentThread();
            answered.complete(null);
        });
        StackTraceElement[] sample = new StackTraceElement[0];
        while (!answered.isDone()) {
            try {
                answered.get(SAMPLE_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                if (fx != null && System.nanoTime() - posted > threshold.toNanos() / 2) {
                    StackTraceElement[] now = fx.getStackTrace();
                    if (sample.length == 0 || runsApplicationCode(now)) {
                        sample = now;
                    }
                }
            }
            if (!running) {
                return;
            }
        }
        checks.incrementAndGet();
        long waited = System.nanoTime() - posted;
        if (waited > threshold.toNanos()) {
            long cpu = fx == null || cpuBefore < 0 ? 0 : Math.max(0, cpuTime(fx) - cpuBefore);
            Stall stall = new Stall(Duration.ofNanos(waited), Duration.ofNanos(cpu), Arrays.asList(sample));
            synchronized (this) {
                stalls.add(stall);
                if (stalls.size() > KEPT) {
                    stalls.remove(0);
                }
            }
            reporter.accept(stall);
        }
    }

    private long cpuTime(Thread t) {
        if (t == null || !threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        return threads.getThreadCpuTime(t.getId());
    }

    private static boolean runsApplicationCode(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.advlens.")
                && !f.getClassName().startsWith(UiWatchdog.class.getName()));
    }

    private static void log(Stall s) {
        StringBuilder b = new StringBuilder();
        s.stack().stream().limit(25).forEach(f -> b.append("\n\tat ").append(f));
        if (s.busyLongerThan(Duration.ofMillis(100))) {
            LOG.warn("the UI thread stalled for {} ms, {} ms of it working:{}", s.length().toMillis(),
                    s.cpu().toMillis(), b);
        } else {
            LOG.debug("the UI thread waited {} ms for the processor ({} ms working)", s.length().toMillis(),
                    s.cpu().toMillis());
        }
    }
}
