package org.advlens.app.counterfactual;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.data.Datasets;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelLoadException;
import org.advlens.counterfactual.AutoencoderOptions;
import org.advlens.counterfactual.AutoencoderReport;
import org.advlens.counterfactual.AutoencoderTrainer;

/**
 * Which generative model the on-manifold search moves in: the bundled Fashion-MNIST autoencoder, or one the user
 * loads from a file or trains here on their own data (for their own model). Loading and training are jobs on the
 * engine thread, so they cannot overtake a running search; a failure leaves the previous generator in place.
 */
public final class GeneratorViewModel {

    /** What {@link #nameProperty()} says while the bundled autoencoder is in use. */
    public static final String BUNDLED = "bundled Fashion-MNIST autoencoder";

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final Runnable changed;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", BUNDLED);
    /** Engine-thread state: the user's generator, or {@code null} for the bundled one. */
    private volatile Autoencoder loaded;
    /** Engine-thread state: the bundled autoencoder, read on first use. */
    private Autoencoder bundled;

    /** @param changed called on the FX thread after the generator changed (earlier results no longer apply) */
    GeneratorViewModel(Workspace workspace, JobRunner jobs, Notices notices, Runnable changed) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.changed = changed;
    }

    /**
     * The generator a search uses, for the engine thread: the user's if one is loaded, else the bundled one when the
     * model is of the bundled kind ({@code bundledKind}: its input and classes), else {@code null}.
     */
    Autoencoder forSearch(boolean bundledKind) throws ModelLoadException {
        Autoencoder user = loaded;
        if (user != null || !bundledKind) {
            return user;
        }
        if (bundled == null) {
            bundled = Autoencoder.bundled();
        }
        return bundled;
    }

    /**
     * Loads an autoencoder written by {@code advlens train-generator}. A file that is not one fails with a message
     * saying what was expected.
     */
    public EngineTask<String> load(Path file) {
        return jobs.submit("Load generator " + file.getFileName(), (p, t) -> {
            p.onProgress(-1, "reading " + file.getFileName());
            Autoencoder ae = Autoencoder.load(file);
            loaded = ae;
            return file.getFileName() + " (code size " + ae.latentSize() + ", " + ae.inputSpec() + ")";
        }).whenSucceeded(n -> use(n, "Generator loaded"));
    }

    /**
     * Trains an autoencoder on the images in {@code data} (an IDX image file with its labels next to it, or a folder
     * with one sub-folder per class) for the loaded model's input with {@code advlens train-generator}'s defaults,
     * writes it to {@code output} and uses it. Progress per minibatch; cancelling keeps the previous generator.
     */
    public EngineTask<String> train(Path data, Path output) {
        Classifier model = workspace.model();
        if (model == null) {
            notices.warning("No model", "load a model first: the generator is trained for its input");
            return null;
        }
        InputSpec spec = model.inputSpec();
        return jobs.submit("Train generator on " + data.getFileName(), (p, t) -> {
            p.onProgress(-1, "reading " + data.getFileName());
            AutoencoderTrainer.Split split = AutoencoderTrainer.Split.of(Datasets.load(data, null, spec));
            AutoencoderReport r = new AutoencoderTrainer(AutoencoderOptions.defaults(), split.train(), split.test(),
                    spec, output).run(p, t);
            loaded = Autoencoder.load(output);
            return String.format(Locale.ROOT, "%s (trained on %d images of %s, held-out MSE %.4f)",
                    output.getFileName(), r.trainImages(), data.getFileName(), r.testReconstructionMse());
        }).whenSucceeded(n -> use(n, "Generator trained"));
    }

    /** Goes back to the bundled autoencoder. */
    public EngineTask<String> useBundled() {
        return jobs.submit("Use the bundled generator", (p, t) -> {
            loaded = null;
            return BUNDLED;
        }).whenSucceeded(n -> use(n, null));
    }

    /** The generator in use, in words. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    private void use(String generator, String notice) {
        name.set(generator);
        changed.run();
        if (notice != null) {
            notices.info(notice, generator);
        }
    }
}
