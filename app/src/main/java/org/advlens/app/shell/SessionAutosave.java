package org.advlens.app.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import org.advlens.app.common.ImageItem;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.session.SettingsSnapshot;
import org.advlens.eval.CurveResult;
import org.advlens.io.AtomicFiles;
import org.advlens.report.CurveJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the working session on disk while the app runs, so that a crash or a killed process loses nothing: the
 * open model, data set and image, the current page, every view's settings (check-box selections included), the
 * finished robustness curves, and the finished single-image results (attack, saliency maps, counterfactuals;
 * see {@link ResultAutosave}). Each change is written at once (coalesced, off the FX thread, atomically) to
 * {@code state.json}, {@code curves/curve-N.json} and {@code results/<view>.json} in the autosave folder. A
 * normal exit marks the state clean; at the next start an unclean state is restored.
 */
public final class SessionAutosave implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionAutosave.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String STATE = "state.json";
    static final String CURVES = "curves";
    /** Selections within a result, which means nothing before that result is computed again. */
    private static final java.util.Set<String> NOT_RESTORED = java.util.Set.of("concepts.selectedConcept");

    /**
     * What the autosave folder holds.
     *
     * @param clean whether the app closed normally after writing it
     * @param model the open model file, or {@code null}
     * @param image the current image's name
     * @param imageSource where the current image came from (a file, or a data set and index)
     * @param data the open data set (a file or folder), or {@code null}
     * @param page the page shown
     * @param settings each view's settings by view, as {@link SettingsSnapshot} writes them
     * @param curves how many curve results {@code curves/} holds
     * @param results the views whose result was shown, each kept in {@code results/<view>.json}
     * @param datasetIndex the current image's index among the data set's images (the opened file's, or the
     *                     bundled evaluation set's when {@code data} is {@code null}), or {@code null} when the image
     *                     is not one of them
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(boolean clean, String model, String image, String imageSource, String data, String page,
                        Map<String, Map<String, String>> settings, int curves, List<String> results,
                        Integer datasetIndex) {

        public State {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            results = results == null ? List.of() : List.copyOf(results);
        }

        State closed() {
            return new State(true, model, image, imageSource, data, page, settings, curves, results, datasetIndex);
        }
    }

    private final Path folder;
    private final ResultAutosave resultFiles;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "advlens-autosave");
        t.setDaemon(true);
        return t;
    });
    private MainViewModel vm;
    private boolean scheduled;
    private volatile State last;

    public SessionAutosave(Path folder) {
        this.folder = folder;
        this.resultFiles = new ResultAutosave(folder);
    }

    public Path folder() {
        return folder;
    }

    /** The state a session left behind without closing normally, if any. */
    public Optional<State> unfinished() {
        Path file = folder.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            State s = JSON.readValue(file.toFile(), State.class);
            return s.clean() ? Optional.empty() : Optional.of(s);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring an unreadable autosave {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Brings {@code vm} back to {@code s}: settings and page at once, then (on the engine thread, in order) the
     * model, the data set, the image and the curves. Call on the FX thread, instead of loading the bundled model.
     *
     * @param samples the bundled samples' loading, after which a bundled image is selected again
     */
    public void restore(MainViewModel vm, State s, EngineTask<?> samples) {
        List<String> skipped = new ArrayList<>();
        settingsOwners(vm).forEach((name, owner) -> {
            Map<String, String> values = new LinkedHashMap<>(s.settings().getOrDefault(name, Map.of()));
            values.keySet().removeIf(k -> NOT_RESTORED.contains(name + "." + k));
            skipped.addAll(SettingsSnapshot.restore(owner, values).stream().map(k -> name + "." + k).toList());
        });
        try {
            vm.pageProperty().set(MainViewModel.Page.valueOf(s.page()));
        } catch (RuntimeException e) {
            skipped.add("page");
        }
        Path model = existing(s.model());
        EngineTask<?> modelLoad = model != null ? vm.model().load(model) : vm.model().loadBundled();
        Path data = existing(s.data());
        if (data != null) {
            // once the model is in place: a data set is read in the model's input format
            modelLoad.whenDone(() -> vm.gallery().openDataset(data, null)
                    .whenSucceeded(items -> selectDatasetImage(vm, s, items)));
        } else if (s.data() == null && samples != null) {
            samples.whenSucceeded(r -> selectDatasetImage(vm, s, vm.gallery().datasetImages()));
        }
        restoreImage(vm, s, samples);
        resultFiles.restore(vm, s.results(), s.image());
        List<Path> curveFiles = curveFiles();
        if (!curveFiles.isEmpty()) {
            vm.jobs().submitQuietly("Restore curves", (p, t) -> {
                List<CurveResult> out = new ArrayList<>();
                for (Path f : curveFiles) {
                    out.add(CurveJson.read(f).result());
                }
                return out;
            }).whenSucceeded(results -> results.forEach(vm.curves()::restore));
        }
        if (!skipped.isEmpty()) {
            LOG.info("settings not restored: {}", skipped);
        }
        vm.notices().info("Session restored", "AdvLens did not close normally last time. The model, data set, "
                + "image, settings, " + describe(s.results()) + "and " + curveFiles.size() + " finished curve"
                + (curveFiles.size() == 1 ? "" : "s") + " were restored.");
    }

    /** "the last attack, saliency results, " (those that match the restored model and image are shown). */
    private static String describe(List<String> results) {
        return results.isEmpty() ? "" : "the last " + String.join(", ", results) + " result"
                + (results.size() == 1 ? "" : "s") + " (where the model and image match), ";
    }

    private static void restoreImage(MainViewModel vm, State s, EngineTask<?> samples) {
        Path imageFile = existing(s.imageSource());
        if (imageFile != null && Files.isRegularFile(imageFile)) {
            vm.gallery().openImage(imageFile);
        } else if (s.image() != null && samples != null) {
            samples.whenSucceeded(r -> vm.gallery().samples().stream().filter(i -> i.name().equals(s.image()))
                    .findFirst().ifPresent(vm.gallery()::select));
        }
    }

    /**
     * Selects the data set's image the session showed, when the restored data set has it at the kept index under
     * the same name; then the kept results of that image match again.
     */
    private static void selectDatasetImage(MainViewModel vm, State s, List<ImageItem> items) {
        Integer i = s.datasetIndex();
        if (i == null) {
            return;
        }
        if (i >= 0 && i < items.size() && items.get(i).name().equals(s.image())) {
            vm.gallery().select(items.get(i));
        } else {
            LOG.info("not reselecting data-set image #{} ({}): the restored data set has {} images here", i,
                    s.image(), i >= 0 && i < items.size() ? "another" : "no such");
        }
    }

    /** The index of {@code image} among {@code items} by where it came from (a refitted copy is the same image). */
    private static int datasetIndex(List<ImageItem> items, ImageItem image) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).source().equals(image.source())) {
                return i;
            }
        }
        return -1;
    }

    /** Starts writing {@code vm}'s state on every change. Call on the FX thread. */
    public void watch(MainViewModel vm) {
        this.vm = vm;
        InvalidationListener changed = o -> schedule();
        vm.workspace().modelFileProperty().addListener(changed);
        vm.workspace().imageProperty().addListener(changed);
        vm.gallery().datasetNameProperty().addListener(changed);
        vm.pageProperty().addListener(changed);
        settingsOwners(vm).values().forEach(owner -> SettingsSnapshot.properties(owner).values()
                .forEach(p -> p.addListener(changed)));
        resultFiles.watch(vm, task -> {
            if (!writer.isShutdown()) {
                writer.execute(task);
            }
        }, this::schedule);
        vm.curves().results().addListener((ListChangeListener<CurveResult>) c -> {
            List<CurveResult> results = List.copyOf(vm.curves().results());
            writer.execute(() -> writeCurves(results));
            schedule();
        });
        schedule();
    }

    /** Writes the state as closed normally and stops writing. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the autosave did not finish writing in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        State s = last;
        if (s != null) {
            write(s.closed());
        }
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        Platform.runLater(() -> {
            scheduled = false;
            State s = capture();
            last = s;
            if (!writer.isShutdown()) {
                writer.execute(() -> write(s));
            }
        });
    }

    private State capture() {
        ImageItem image = vm.workspace().image();
        Path model = vm.workspace().modelFileProperty().get();
        List<Path> recentData = vm.session().recentData();
        boolean dataOpen = !vm.gallery().datasetImages().isEmpty() && !recentData.isEmpty();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settingsOwners(vm).forEach((name, owner) -> settings.put(name, SettingsSnapshot.capture(owner)));
        int index = image == null ? -1 : datasetIndex(vm.gallery().datasetImages(), image);
        return new State(false, model == null ? null : model.toAbsolutePath().toString(),
                image == null ? null : image.name(), image == null ? null : image.source(),
                dataOpen ? recentData.get(0).toAbsolutePath().toString() : null, vm.pageProperty().get().name(),
                settings, vm.curves().results().size(), ResultAutosave.shown(vm), index < 0 ? null : index);
    }

    private void write(State s) {
        try {
            AtomicFiles.writeString(folder.resolve(STATE), JSON.writeValueAsString(s));
        } catch (IOException e) {
            LOG.warn("could not autosave the session to {}: {}", folder, e.toString());
        }
    }

    private void writeCurves(List<CurveResult> results) {
        try {
            Path dir = folder.resolve(CURVES);
            for (int i = 0; i < results.size(); i++) {
                AtomicFiles.writeString(dir.resolve(curveFileName(i)), CurveJson.toJson(results.get(i)));
            }
            for (Path f : curveFiles()) {
                if (index(f) >= results.size()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not autosave the curves to {}: {}", folder, e.toString());
        }
    }

    /** The saved curve files in result order. */
    private List<Path> curveFiles() {
        Path dir = folder.resolve(CURVES);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> index(f) >= 0).sorted(java.util.Comparator.comparingInt(SessionAutosave::index))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String curveFileName(int i) {
        return "curve-" + i + ".json";
    }

    private static int index(Path f) {
        String n = f.getFileName().toString();
        if (!n.startsWith("curve-") || !n.endsWith(".json")) {
            return -1;
        }
        try {
            return Integer.parseInt(n.substring(6, n.length() - 5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path existing(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(file);
            return Files.exists(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The settings objects kept, by view. */
    private static Map<String, Object> settingsOwners(MainViewModel vm) {
        Map<String, Object> owners = new LinkedHashMap<>();
        owners.put("attack", vm.attack().settings());
        owners.put("minimumNorm", vm.attack().minimumNorm());
        owners.put("curves", vm.curves().settings());
        owners.put("saliency", vm.saliency().settings());
        owners.put("sanity", vm.sanity().settings());
        owners.put("counterfactual", vm.counterfactual().settings());
        owners.put("training", vm.training().settings());
        owners.put("certification", vm.robustness().certification().settings());
        owners.put("corruptions", vm.robustness().corruptions().settings());
        owners.put("ood", vm.robustness().ood().settings());
        owners.put("calibration", vm.robustness().calibration().settings());
        // views whose settings are properties of the view model itself
        owners.put("boundary", vm.boundary());
        owners.put("compare", vm.compare());
        owners.put("concepts", vm.concepts());
        owners.put("faithfulness", vm.faithfulness());
        return owners;
    }
}
