package org.advlens.app.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.session.SessionViewModel;
import org.advlens.data.Datasets;
import org.advlens.data.ImageConversion;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;

/**
 * The images to attack: the bundled samples, images from a data set, and image files the user opens.
 * Every image is fitted to the current model's input description (on the engine thread) and refitted when
 * the model changes. Selecting one makes it the workspace's image.
 */
public final class GalleryViewModel {

    /** How many images of a data set the gallery shows. */
    public static final int DATASET_PREVIEW = 60;

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final SessionViewModel session;
    private final ObservableList<ImageItem> samples = FXCollections.observableArrayList();
    private final ObservableList<ImageItem> datasetImages = FXCollections.observableArrayList();
    private final ObservableList<ImageItem> opened = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper datasetName = new ReadOnlyStringWrapper(this, "datasetName", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    /** The pixel format the gallery's images are fitted to; refitting is needed only when it changes. */
    private PixelFormat fittedFor;

    /** What fitting depends on: channels, size and bounds (normalisation happens inside the model). */
    private record PixelFormat(int channels, int height, int width, double lower, double upper) {
        static PixelFormat of(InputSpec s) {
            return new PixelFormat(s.channels(), s.height(), s.width(), s.lower(), s.upper());
        }

        static PixelFormat unit(Images i) {
            return new PixelFormat(i.channels(), i.height(), i.width(), 0, 1);
        }
    }

    public GalleryViewModel(Workspace workspace, JobRunner jobs, Notices notices, SessionViewModel session) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.session = session;
        workspace.modelInfoProperty().addListener((o, before, after) -> {
            if (after != null && !PixelFormat.of(after.input()).equals(fittedFor)) {
                refit(after.input());
            }
        });
    }

    /** Loads the bundled samples and a preview of the bundled evaluation set; selects the first sample. */
    public EngineTask<List<List<ImageItem>>> loadBundled() {
        InputSpec spec = spec();
        loading.set(true);
        return jobs.submit("Load sample images", (p, t) -> {
            p.onProgress(-1, "reading the bundled samples");
            List<ImageItem> s = new ArrayList<>();
            for (Datasets.Sample sample : Datasets.bundledSamples()) {
                s.add(new ImageItem(sample.name(), "bundled sample " + sample.file(), sample.image(),
                        fit(sample.image(), spec), sample.label()));
            }
            t.throwIfCancelled();
            p.onProgress(0.5, "reading the bundled evaluation set");
            LabelledDataset eval = spec == null ? Datasets.bundledEvaluation()
                    : Datasets.bundledEvaluation(spec).limit(DATASET_PREVIEW);
            return List.of(s, preview(eval, spec, List.of()));
        }).whenSucceeded(lists -> {
            List<ImageItem> s = lists.get(0);
            fittedFor = spec != null ? PixelFormat.of(spec) : s.isEmpty() ? null : PixelFormat.unit(s.get(0).unit());
            samples.setAll(s);
            datasetImages.setAll(lists.get(1));
            datasetName.set("Fashion-MNIST test (bundled)");
            if (workspace.image() == null && !samples.isEmpty()) {
                select(samples.get(0));
            }
            InputSpec now = spec();
            if (now != null && !PixelFormat.of(now).equals(fittedFor)) {
                refit(now);
            }
        }).whenDone(() -> loading.set(false));
    }

    /** Opens an image file (PNG, JPEG, BMP or GIF), fits it to the model and selects it. */
    public EngineTask<ImageItem> openImage(Path file) {
        InputSpec spec = spec();
        error.set("");
        loading.set(true);
        return jobs.submit("Open image " + file.getFileName(), (p, t) -> {
            p.onProgress(-1, "decoding " + file.getFileName());
            Images unit = ImageFiles.readUnit(file);
            return new ImageItem(String.valueOf(file.getFileName()), file.toAbsolutePath().toString(), unit,
                    fit(unit, spec), ImageItem.UNKNOWN);
        }).whenSucceeded(item -> {
            opened.add(0, item);
            session.rememberImage(file);
            select(item);
            Images u = item.unit();
            if (spec != null && (u.height() != spec.height() || u.width() != spec.width()
                    || u.channels() != spec.channels())) {
                notices.info("Image fitted to the model", item.name() + " is " + u.channels() + "×" + u.height()
                        + "×" + u.width() + "; resized to " + spec.channels() + "×" + spec.height() + "×"
                        + spec.width());
            }
        }).whenFailed(message -> {
            error.set(message);
            if (!Files.exists(file)) {
                session.forget(file);
            }
        }).whenDone(() -> loading.set(false));
    }

    /**
     * Shows the first {@value #DATASET_PREVIEW} images of an IDX file (with its labels, or the companion label
     * file when {@code labels} is {@code null}) or of a class folder.
     */
    public EngineTask<List<ImageItem>> openDataset(Path images, Path labels) {
        InputSpec spec = spec();
        List<String> classes = workspace.modelInfo() == null ? List.of() : workspace.modelInfo().classNames();
        error.set("");
        loading.set(true);
        return jobs.submit("Open data set " + images.getFileName(), (p, t) -> {
            p.onProgress(-1, "reading " + images.getFileName());
            LabelledDataset data = Datasets.load(images, labels, spec);
            return preview(data, spec, classes);
        }).whenSucceeded(items -> {
            datasetImages.setAll(items);
            datasetName.set(String.valueOf(images.getFileName()));
            session.rememberData(images);
        }).whenFailed(error::set).whenDone(() -> loading.set(false));
    }

    public void select(ImageItem item) {
        if (item != null) {
            workspace.selectImage(item);
        }
    }

    private void refit(InputSpec spec) {
        List<ImageItem> s = List.copyOf(samples);
        List<ImageItem> d = List.copyOf(datasetImages);
        List<ImageItem> o = List.copyOf(opened);
        ImageItem current = workspace.image();
        jobs.submitQuietly("Fit images to the model", (p, t) -> List.of(refitAll(s, spec), refitAll(d, spec),
                refitAll(o, spec), current == null ? List.<ImageItem>of() : List.of(refitOne(current, spec))))
                .whenSucceeded(lists -> {
                    fittedFor = PixelFormat.of(spec);
                    samples.setAll(lists.get(0));
                    datasetImages.setAll(lists.get(1));
                    opened.setAll(lists.get(2));
                    if (!lists.get(3).isEmpty()) {
                        workspace.selectImage(lists.get(3).get(0));
                    }
                });
    }

    private static List<ImageItem> refitAll(List<ImageItem> items, InputSpec spec) {
        return items.stream().map(i -> refitOne(i, spec)).toList();
    }

    private static ImageItem refitOne(ImageItem item, InputSpec spec) {
        return item.withFitted(fit(item.unit(), spec));
    }

    private static List<ImageItem> preview(LabelledDataset data, InputSpec spec, List<String> modelClasses) {
        List<ImageItem> out = new ArrayList<>();
        int n = Math.min(DATASET_PREVIEW, data.size());
        for (int i = 0; i < n; i++) {
            Images img = data.images().image(i);
            Images u = spec == null ? img : ImageConversion.toUnit(img, spec.lower(), spec.upper());
            String label = ClassScore.nameOf(data.classNames().isEmpty() ? modelClasses : data.classNames(),
                    data.label(i));
            out.add(new ImageItem(String.format(Locale.ROOT, "#%d %s", i, label), data.name() + " #" + i,
                    u, img, data.label(i)));
        }
        return out;
    }

    private static Images fit(Images unit, InputSpec spec) {
        return spec == null ? unit : ImageConversion.fitToSpec(unit, spec);
    }

    private InputSpec spec() {
        return workspace.inputSpec();
    }

    public ObservableList<ImageItem> samples() {
        return samples;
    }

    public ObservableList<ImageItem> datasetImages() {
        return datasetImages;
    }

    /** Image files opened in this session, newest first. */
    public ObservableList<ImageItem> opened() {
        return opened;
    }

    public ReadOnlyStringProperty datasetNameProperty() {
        return datasetName.getReadOnlyProperty();
    }

    /** Why the last image or data set failed to open, or an empty string. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void dismissError() {
        error.set("");
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Whether a file name looks like an image file (used for drag and drop). */
    public static boolean looksLikeImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
                || n.endsWith(".gif");
    }
}
