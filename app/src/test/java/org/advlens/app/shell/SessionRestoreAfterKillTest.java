package org.advlens.app.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.advlens.app.FxThread;
import org.advlens.app.attack.AttackResult;
import org.advlens.app.attack.AttackResultCodec;
import org.advlens.app.saliency.SaliencyResult;
import org.advlens.app.saliency.SaliencyResultCodec;
import org.advlens.app.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when the process dies: the real application runs in a second JVM (headless), opens a sample,
 * runs a small robustness curve, an FGSM attack and a gradient saliency map, ticks other check boxes (curve
 * attacks, saliency and sanity methods), and is then killed with SIGKILL, so neither its shutdown code nor any
 * hook runs. A new session on the same configuration folder must come back with the model, the image, the page,
 * the settings and selections, the finished curve, and the attack and saliency results, value for value.
 */
class SessionRestoreAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_S = Integer.getInteger("advlens.test.timeout", 60) * 2;

    @TempDir
    Path config;

    @Test
    void aKilledSessionComesBackWithItsImagePageSettingsCurvesAndResults() throws Exception {
        // given the app in another process, on the Attack page with a 20-image FGSM curve, an FGSM attack and a
        // gradient map finished
        Process app = startApp();
        Path stateFile = config.resolve("autosave").resolve(SessionAutosave.STATE);
        SessionAutosave.State saved;
        try {
            waitFor("the finished curve autosaved", () -> {
                SessionAutosave.State s = read(stateFile);
                return s != null && s.curves() == 1 && "ATTACK".equals(s.page()) && s.image() != null
                        && s.results().containsAll(List.of("attack", "saliency"));
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
        assertEquals("fgsm", saved.settings().get("curves").get("attackSelection"));
        assertEquals("smoothgrad,occlusion", saved.settings().get("sanity").get("methodSelection"));
        JsonNode keptAttack = JSON.readTree(config.resolve("autosave/results/attack.json").toFile());
        JsonNode keptSaliency = JSON.readTree(config.resolve("autosave/results/saliency.json").toFile());

        // then a new session restores it
        MainViewModel vm = FxThread.call(() -> new MainViewModel(new SessionStore(config.resolve("session.json"))));
        try {
            FxThread.run(vm::startUp);
            waitFor("the restored session", () -> call(() -> vm.curves().results().size() == 1
                    && vm.workspace().model() != null && vm.workspace().image() != null
                    && vm.workspace().image().name().equals(saved.image())
                    && vm.attack().resultProperty().get() != null && vm.saliency().resultProperty().get() != null),
                    null);
            assertEquals(MainViewModel.Page.ATTACK, FxThread.call(() -> vm.pageProperty().get()));
            assertEquals(20, FxThread.call(() -> vm.curves().settings().limitProperty().get()));
            // the check boxes as they were ticked
            assertEquals(Set.of("fgsm"), FxThread.call(() -> vm.curves().settings().attackSelectionProperty().get()));
            assertEquals(Set.of("smoothgrad", "occlusion"), FxThread.call(() -> Set.of("gradient", "smoothgrad",
                    "integrated-gradients", "occlusion", "gradcam").stream()
                    .filter(m -> vm.sanity().settings().chosenProperty(m).get()).collect(Collectors.toSet())));
            assertEquals(Set.of("gradient"), FxThread.call(() -> vm.saliency().settings().methodSelectionProperty()
                    .get()));
            assertResultsAsKept(vm, keptAttack, keptSaliency);
            assertResultsAsComputedAgain(vm);
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

    /** The restored results hold the values the killed app kept, bit for bit. */
    private static void assertResultsAsKept(MainViewModel vm, JsonNode keptAttack, JsonNode keptSaliency)
            throws Exception {
        AttackResult attack = FxThread.call(() -> vm.attack().resultProperty().get());
        SaliencyResult saliency = FxThread.call(() -> vm.saliency().resultProperty().get());
        assertSame(FxThread.call(() -> vm.workspace().image()), attack.image(), "shown on the restored image");
        AttackResult kept = ResultAutosave.fromJson("attack", new AttackResultCodec(), keptAttack, attack.image(),
                attack.model()).orElseThrow();
        assertArrayEquals(kept.outcome().adversarial().pixels(), attack.outcome().adversarial().pixels());
        assertArrayEquals(new double[] {kept.l0(), kept.l2(), kept.linf()},
                new double[] {attack.l0(), attack.l2(), attack.linf()});
        assertArrayEquals(kept.after().probabilities(), attack.after().probabilities());
        assertEquals("FGSM", attack.outcome().attack().toUpperCase(java.util.Locale.ROOT));
        SaliencyResult keptMaps = ResultAutosave.fromJson("saliency", new SaliencyResultCodec(), keptSaliency,
                saliency.image(), saliency.model()).orElseThrow();
        assertArrayEquals(keptMaps.maps().get(0).map().values(), saliency.maps().get(0).map().values());
    }

    /**
     * The restored results are the ones the killed app computed: the same attack and map computed again here,
     * on the restored model and image, give the same pixels, norms, predictions and map values.
     */
    private void assertResultsAsComputedAgain(MainViewModel vm) throws Exception {
        AttackResult restored = FxThread.call(() -> vm.attack().resultProperty().get());
        SaliencyResult restoredMaps = FxThread.call(() -> vm.saliency().resultProperty().get());
        FxThread.run(() -> {
            vm.attack().runAttack();
            vm.saliency().runSaliency();
        });
        waitFor("the attack and map computed again", () -> call(() -> vm.attack().resultProperty().get() != restored
                && vm.attack().resultProperty().get() != null && vm.saliency().resultProperty().get() != restoredMaps
                && vm.saliency().resultProperty().get() != null), null);
        AttackResult again = FxThread.call(() -> vm.attack().resultProperty().get());
        assertArrayEquals(again.outcome().adversarial().pixels(), restored.outcome().adversarial().pixels(), 1e-6f);
        assertEquals(again.l0(), restored.l0());
        assertEquals(again.l2(), restored.l2(), 1e-6);
        assertEquals(again.linf(), restored.linf(), 1e-6);
        assertEquals(again.before().predicted(), restored.before().predicted());
        assertEquals(again.after().predicted(), restored.after().predicted());
        assertArrayEquals(again.after().probabilities(), restored.after().probabilities(), 1e-5f);
        SaliencyResult mapsAgain = FxThread.call(() -> vm.saliency().resultProperty().get());
        assertArrayEquals(mapsAgain.maps().get(0).map().values(), restoredMaps.maps().get(0).map().values(), 1e-5f);
    }

    private Process startApp() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", classPath,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dheadless.geometry=1600x1000-32",
                "-Dprism.order=sw", "-Djava.awt.headless=true", "-Dadvlens.config.dir=" + config,
                "-Dadvlens.demo=session", "-Dadvlens.demo.sample=2", "-Dadvlens.demo.limit=20",
                "-Dadvlens.demo.curveAttacks=fgsm", "-Dadvlens.demo.attack=fgsm", "-Dadvlens.demo.methods=gradient",
                "-Dadvlens.demo.sanityMethods=smoothgrad,occlusion", "org.advlens.app.Launcher"));
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
