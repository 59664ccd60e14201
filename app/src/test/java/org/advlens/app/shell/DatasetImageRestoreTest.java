package org.advlens.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.advlens.app.FxThread;
import org.advlens.app.session.SessionStore;
import org.advlens.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image picked from an opened data set comes back: the autosave keeps its index among the data set's images
 * and a restored session selects it again, but only where the restored data set has that image at that index.
 */
class DatasetImageRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = Integer.getInteger("advlens.test.timeout", 60);

    @TempDir
    Path dir;

    @Test
    void theImagePickedFromAnOpenedDataSetIsSelectedAgain() throws Exception {
        // given a session that opened an IDX data set and picked its image #5
        Path data = copyBundledData();
        Path first = dir.resolve("first");
        MainViewModel vm = FxThread.call(() -> new MainViewModel(new SessionStore(first.resolve("session.json"))));
        String picked;
        try {
            FxThread.run(vm::startUp);
            waitFor("the bundled model and images", () -> call(() -> vm.workspace().image() != null
                    && vm.workspace().readyProperty().get()));
            FxThread.run(() -> vm.gallery().openDataset(data, null));
            waitFor("the opened data set", () -> call(() -> !vm.gallery().errorProperty().get().isEmpty()
                    || "t10k-images-idx3-ubyte.gz".equals(vm.gallery().datasetNameProperty().get())));
            assertEquals("", FxThread.call(() -> vm.gallery().errorProperty().get()), "the data set opens");
            picked = FxThread.call(() -> {
                vm.gallery().select(vm.gallery().datasetImages().get(5));
                return vm.gallery().datasetImages().get(5).name();
            });
            Path state = first.resolve("autosave").resolve(SessionAutosave.STATE);
            waitFor("the autosaved index", () -> {
                SessionAutosave.State s = read(state);
                return s != null && Integer.valueOf(5).equals(s.datasetIndex()) && picked.equals(s.image());
            });
            assertEquals(data.toAbsolutePath().toString(), read(state).data());
        } finally {
            FxThread.run(vm::close);
        }
        SessionAutosave.State kept = read(first.resolve("autosave").resolve(SessionAutosave.STATE));

        // when a new session restores that unfinished state
        MainViewModel restored = startFrom(dir.resolve("second"), unclean(kept, 5, picked));
        try {
            // then image #5 of the same file is selected again
            waitFor("the reselected image", () -> call(() -> restored.workspace().image() != null
                    && restored.workspace().image().name().equals(picked)));
            assertEquals(FxThread.call(() -> restored.gallery().datasetImages().get(5).source()),
                    FxThread.call(() -> restored.workspace().image().source()));
        } finally {
            FxThread.run(restored::close);
        }

        // and a state whose index names another image of that file selects nothing from the data set
        MainViewModel other = startFrom(dir.resolve("third"), unclean(kept, 6, picked));
        try {
            waitFor("the restored data set", () -> call(() -> other.gallery().datasetImages().size() > 6
                    && "t10k-images-idx3-ubyte.gz".equals(other.gallery().datasetNameProperty().get())
                    && other.workspace().image() != null));
            assertTrue(FxThread.call(() -> !other.workspace().image().name().equals(picked)));
        } finally {
            FxThread.run(other::close);
        }
    }

    private static SessionAutosave.State unclean(SessionAutosave.State s, int index, String image) {
        return new SessionAutosave.State(false, s.model(), image, s.imageSource(), s.data(), s.page(), s.settings(),
                0, java.util.List.of(), index);
    }

    private static MainViewModel startFrom(Path config, SessionAutosave.State state) throws Exception {
        Files.createDirectories(config.resolve("autosave"));
        JSON.writeValue(config.resolve("autosave").resolve(SessionAutosave.STATE).toFile(), state);
        MainViewModel vm = FxThread.call(() -> new MainViewModel(new SessionStore(config.resolve("session.json"))));
        FxThread.run(vm::startUp);
        return vm;
    }

    private Path copyBundledData() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("data"));
        copy(Datasets.BUNDLED_IMAGES, folder.resolve("t10k-images-idx3-ubyte.gz"));
        copy(Datasets.BUNDLED_LABELS, folder.resolve("t10k-labels-idx1-ubyte.gz"));
        return folder.resolve("t10k-images-idx3-ubyte.gz");
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }

    private static SessionAutosave.State read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), SessionAutosave.State.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean call(Callable<Boolean> c) {
        try {
            return FxThread.call(c);
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
