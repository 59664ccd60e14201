package org.advlens.app.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.advlens.app.attack.AttackResultCodec;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Workspace;
import org.advlens.app.counterfactual.CounterfactualResultCodec;
import org.advlens.app.saliency.SaliencyResultCodec;
import org.advlens.app.session.ResultCodec;
import org.advlens.app.session.ResultStamp;
import org.advlens.io.AtomicFiles;
import org.advlens.model.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished single-image results the autosave keeps: the attack view's last result, the saliency view's maps
 * and the counterfactual view's result, each as {@code results/<view>.json} (written atomically, off the FX
 * thread, at most {@link #MAX_BYTES} each) stamped with the model's and the image's hash. After an unclean end
 * they are shown again once the restored model and image are in place, and only if their stamps match; a result
 * computed on another model or image is dropped with a log line.
 */
final class ResultAutosave {

    private static final Logger LOG = LoggerFactory.getLogger(ResultAutosave.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESULTS = "results";
    /** Largest kept result file: a 28x28 attack result takes about 30 KB, a 224x224 colour one about 2.5 MB. */
    static final long MAX_BYTES = 32L << 20;
    static final int FORMAT = 1;

    /**
     * One view's result as the autosave keeps it.
     *
     * @param name the view, and the file's name
     * @param result the view model's result property
     * @param codec how the result is written and read
     * @param restore the view model's restore hook
     */
    record Kept<T>(String name, ReadOnlyObjectProperty<T> result, ResultCodec<T> codec, Consumer<T> restore) {
    }

    private final Path folder;

    ResultAutosave(Path autosaveFolder) {
        this.folder = autosaveFolder.resolve(RESULTS);
    }

    static List<Kept<?>> kept(MainViewModel vm) {
        return List.of(
                new Kept<>("attack", vm.attack().resultProperty(), new AttackResultCodec(),
                        vm.attack()::restoreResult),
                new Kept<>("saliency", vm.saliency().resultProperty(), new SaliencyResultCodec(),
                        vm.saliency()::restoreResult),
                new Kept<>("counterfactual", vm.counterfactual().resultProperty(), new CounterfactualResultCodec(),
                        vm.counterfactual()::restoreResult));
    }

    /** The names of the kept results the views show now. */
    static List<String> shown(MainViewModel vm) {
        return kept(vm).stream().filter(k -> k.result().get() != null).map(Kept::name).toList();
    }

    /** Writes each view's result (through {@code writer}) whenever a new one appears. Call on the FX thread. */
    void watch(MainViewModel vm, Executor writer, Runnable changed) {
        for (Kept<?> k : kept(vm)) {
            watch(k, writer, changed);
        }
    }

    private <T> void watch(Kept<T> k, Executor writer, Runnable changed) {
        k.result().addListener((o, was, now) -> {
            if (now != null) {
                writer.execute(() -> write(k, now));
            }
            changed.run();
        });
    }

    private <T> void write(Kept<T> k, T result) {
        Path file = folder.resolve(k.name() + ".json");
        try {
            String text = toJson(k.name(), k.codec(), result);
            if (text.length() > MAX_BYTES) {
                LOG.info("the {} result is not autosaved: {} MiB is over the bound of {} MiB", k.name(),
                        text.length() >> 20, MAX_BYTES >> 20);
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(folder);
            AtomicFiles.writeString(file, text);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not autosave the {} result to {}: {}", k.name(), file, e.toString());
        }
    }

    /** The kept form of {@code result}: its stamp and the codec's fields. */
    static <T> String toJson(String name, ResultCodec<T> codec, T result) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("view", name);
        ResultStamp stamp = ResultStamp.of(codec.model(result), codec.image(result).fitted());
        root.put("model", stamp.model());
        root.put("image", stamp.image());
        root.put("image_name", codec.image(result).name());
        codec.write(result, root.putObject("result"));
        return JSON.writeValueAsString(root);
    }

    /**
     * Reads a kept result back onto {@code image} and {@code model}, or says why not.
     *
     * @return the result, or empty with the reason logged when its stamp does not match
     * @throws IllegalArgumentException when the text is not a kept result of this format
     */
    static <T> java.util.Optional<T> fromJson(String name, ResultCodec<T> codec, JsonNode root, ImageItem image,
                                              ModelInfo model) {
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("the kept " + name + " result has format " + root.path("format")
                    + ", expected " + FORMAT);
        }
        ResultStamp now = ResultStamp.of(model, image.fitted());
        String keptModel = root.path("model").asText();
        String keptImage = root.path("image").asText();
        if (!now.model().equals(keptModel) || !now.image().equals(keptImage)) {
            LOG.info("dropped the autosaved {} result: it was computed on model {} and image {} ({}), the restored"
                    + " session has model {} and image {} ({})", name, keptModel, keptImage,
                    root.path("image_name").asText(), now.model(), now.image(), image.name());
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(codec.read(root.get("result"), image, model));
    }

    /**
     * Shows the kept results named in {@code names} again once the workspace holds the restored model and the
     * image named {@code imageName}. Call on the FX thread.
     */
    void restore(MainViewModel vm, List<String> names, String imageName) {
        if (names.isEmpty() || imageName == null) {
            return;
        }
        vm.jobs().submitQuietly("Read kept results", (p, t) -> {
            Map<String, JsonNode> trees = new LinkedHashMap<>();
            for (String name : names) {
                Path file = folder.resolve(name + ".json");
                try {
                    if (Files.size(file) <= MAX_BYTES) {
                        trees.put(name, JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("ignoring the unreadable autosaved {} result {}: {}", name, file, e.toString());
                }
            }
            return trees;
        }).whenSucceeded(trees -> {
            if (!trees.isEmpty()) {
                whenRestored(vm.workspace(), imageName, () -> apply(vm, trees));
            }
        });
    }

    /** Runs {@code action} once, when the workspace is ready with the image named {@code imageName}. */
    private static void whenRestored(Workspace w, String imageName, Runnable action) {
        InvalidationListener[] listener = new InvalidationListener[1];
        boolean[] done = new boolean[1];
        Runnable attempt = () -> {
            if (done[0] || !w.readyProperty().get() || !w.image().name().equals(imageName)) {
                return;
            }
            done[0] = true;
            w.readyProperty().removeListener(listener[0]);
            w.imageProperty().removeListener(listener[0]);
            // after the other listeners of this change (a refitted image, cleared results) have run
            Platform.runLater(action);
        };
        listener[0] = o -> attempt.run();
        w.readyProperty().addListener(listener[0]);
        w.imageProperty().addListener(listener[0]);
        attempt.run();
    }

    private void apply(MainViewModel vm, Map<String, JsonNode> trees) {
        ImageItem image = vm.workspace().image();
        ModelInfo model = vm.workspace().modelInfo();
        if (image == null || model == null) {
            return;
        }
        List<Kept<?>> wanted = new ArrayList<>(kept(vm).stream().filter(k -> trees.containsKey(k.name())).toList());
        vm.jobs().submitQuietly("Restore kept results", (p, t) -> {
            List<Runnable> shows = new ArrayList<>();
            for (Kept<?> k : wanted) {
                decode(k, trees.get(k.name()), image, model).ifPresent(shows::add);
            }
            return shows;
        }).whenSucceeded(shows -> {
            if (vm.workspace().image() == image && vm.workspace().modelInfo() == model) {
                shows.forEach(Runnable::run);
            }
        });
    }

    private static <T> java.util.Optional<Runnable> decode(Kept<T> k, JsonNode tree, ImageItem image,
                                                           ModelInfo model) {
        try {
            return fromJson(k.name(), k.codec(), tree, image, model).map(r -> () -> k.restore().accept(r));
        } catch (RuntimeException e) {
            LOG.warn("ignoring the autosaved {} result: {}", k.name(), e.toString());
            return java.util.Optional.empty();
        }
    }
}
