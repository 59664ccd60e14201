package org.advlens.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.advlens.app.FxThread;
import org.advlens.app.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when the process dies: the real application runs in a second JVM (headless), opens a sample,
 * runs a small robustness curve and is then killed with SIGKILL, so neither its shutdown code nor any hook runs.
 * A new session on the same configuration folder must come back with the model, the image, the page, the curve
 * settings and the finished curve.
 */
class SessionRestoreAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_S = Integer.getInteger("advlens.test.timeout", 60) * 2;

    @TempDir
    Path config;

    @Test
    void aKilledSessionComesBackWithItsImagePageSettingsAndCurves() throws Exception {
        // given the app in another process, on the Curves page with a 20-image FGSM curve finished
        Process app = startApp();
        Path stateFile = config.resolve("autosave").resolve(SessionAutosave.STATE);
        SessionAutosave.State saved;
        try {
            waitFor("the finished curve autosaved", () -> {
                SessionAutosave.State s = read(stateFile);
                return s != null && s.curves() == 1 && "CURVES".equals(s.page()) && s.image() != null;
            }, app);
            saved = read(stateFile);
        } finally {
            // when the process is killed (SIGKILL)
            app.destroyForcibly();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the app process ended");
        }
        assertFalse(saved.clean(), "a running session is not marked clean");
        assertEquals("20", saved.settings().get("curves").get("limit"));
        assertTrue(Files.isRegularFile(config.resolve("autosave/curves/curve-0.json")));

        // then a new session restores it
        MainViewModel vm = FxThread.call(() -> new MainViewModel(new SessionStore(config.resolve("session.json"))));
        try {
            FxThread.run(vm::startUp);
            waitFor("the restored session", () -> call(() -> vm.curves().results().size() == 1
                    && vm.workspace().model() != null && vm.workspace().image() != null
                    && vm.workspace().image().name().equals(saved.image())), null);
            assertEquals(MainViewModel.Page.CURVES, FxThread.call(() -> vm.pageProperty().get()));
            assertEquals(20, FxThread.call(() -> vm.curves().settings().limitProperty().get()));
            assertEquals(20, FxThread.call(() -> vm.curves().results().get(0).size()));
            assertEquals(saved.model(), FxThread.call(() -> {
                Path f = vm.workspace().modelFileProperty().get();
                return f == null ? null : f.toAbsolutePath().toString();
            }), "the same model (the bundled one has no file)");
            assertTrue(FxThread.call(() -> vm.notices().log().stream().anyMatch(n -> n.title().equals(
                    "Session restored"))), "the user is told the session was restored");
        } finally {
            FxThread.run(vm::close);
        }
        // and a normal close marks the state clean, so the next start begins afresh
        SessionAutosave.State closed = read(stateFile);
        assertNotNull(closed);
        assertTrue(closed.clean());
        assertTrue(new SessionAutosave(config.resolve("autosave")).unfinished().isEmpty());
    }

    private Process startApp() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", classPath,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dheadless.geometry=1600x1000-32",
                "-Dprism.order=sw", "-Djava.awt.headless=true", "-Dadvlens.config.dir=" + config,
                "-Dadvlens.demo=curves", "-Dadvlens.demo.sample=2", "-Dadvlens.demo.limit=20",
                "-Dadvlens.demo.curveAttacks=fgsm", "org.advlens.app.Launcher"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(config.resolve("app.log").toFile()).start();
    }

    private static SessionAutosave.State read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), SessionAutosave.State.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean call(java.util.concurrent.Callable<Boolean> c) {
        try {
            return FxThread.call(c);
        } catch (Exception e) {
            return false;
        }
    }

    private void waitFor(String what, BooleanSupplier condition, Process app) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (app != null && !app.isAlive()) {
                throw new AssertionError("the app process ended before " + what + ":\n" + log());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + TIMEOUT_S + " s for " + what + ":\n" + log());
            }
            Thread.sleep(200);
        }
    }

    private String log() throws IOException {
        Path log = config.resolve("app.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
