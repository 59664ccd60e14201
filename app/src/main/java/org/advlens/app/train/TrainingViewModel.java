package org.advlens.app.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.train.EpochMetrics;
import org.advlens.train.FashionMnistTrainer;
import org.advlens.train.TrainingCheckpoint;
import org.advlens.train.TrainingOptions;
import org.advlens.train.TrainingReport;

/**
 * The training view's state and commands: train the Fashion-MNIST CNN with the form's method as a job on the
 * engine thread (listed, with progress and cancel, in the jobs panel), collect each epoch's loss and held-out
 * accuracies in {@link #epochs()} as the trainer measures them, and open the saved model as the current one when
 * the run ends.
 */
public final class TrainingViewModel {

    private final Notices notices;
    private final Consumer<Path> openModel;
    private final TrainingSettings settings = new TrainingSettings();
    private final ObservableList<EpochMetrics> epochs = FXCollections.observableArrayList();
    private final ObservableList<EpochMetrics> readOnlyEpochs = FXCollections.unmodifiableObservableList(epochs);
    private final CurrentJob<TrainingReport> job;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper runTitle = new ReadOnlyStringWrapper(this, "runTitle", "");
    private final ReadOnlyIntegerWrapper plannedEpochs = new ReadOnlyIntegerWrapper(this, "plannedEpochs");
    private final BooleanBinding canTrain;
    private int runNumber;

    /**
     * @param openModel loads a model file as the current model (the model view's loader); called on the FX thread
     *                  with the trained model when a run succeeds
     */
    public TrainingViewModel(JobRunner jobs, Notices notices, Consumer<Path> openModel) {
        this.notices = notices;
        this.openModel = openModel;
        this.job = new CurrentJob<>(this, jobs);
        canTrain = Bindings.createBooleanBinding(() -> !job.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), job.runningProperty(), settings.errorProperty());
    }

    /**
     * Starts training with the form's settings. Invalid settings start nothing: their message goes to
     * {@link #errorProperty()} and {@code null} is returned.
     */
    public EngineTask<TrainingReport> train() {
        if (job.runningProperty().get()) {
            return null;
        }
        String problem = settings.errorProperty().get();
        if (!problem.isEmpty()) {
            error.set(problem);
            return null;
        }
        TrainingOptions options = settings.toOptions();
        Path output = settings.outputProperty().get();
        int run = ++runNumber;
        epochs.clear();
        job.clearResult();
        error.set("");
        runTitle.set(describe(options));
        plannedEpochs.set(options.epochs());
        int resumeAfter = TrainingCheckpoint.resumableEpoch(options, output);
        if (resumeAfter > 0) {
            notices.info("Resuming training", "a run with these settings stopped after epoch " + resumeAfter
                    + "; training goes on from there");
        }
        EngineTask<TrainingReport> task = job.start("Train " + options.method().kind().label() + " → "
                + output.getFileName(), new FashionMnistTrainer(options, output,
                m -> Platform.runLater(() -> {
                    if (run == runNumber) {
                        epochs.add(m);
                    }
                }), resumeAfter > 0), TrainingViewModel::endMessage);
        task.whenSucceeded(r -> {
            notices.info("Training finished", summary(r));
            openModel.accept(r.modelFile());
        }).whenFailed(error::set);
        return task;
    }

    private static String endMessage(EngineTask<TrainingReport> task) {
        return task.isCancelled() ? "Cancelled: the model was not saved; train again with the same settings"
                + " to resume after the last finished epoch" : task.getState()
                == javafx.concurrent.Worker.State.FAILED ? "Failed" : summary(task.getValue());
    }

    /** Stops the running training at its next minibatch; nothing is saved and the current model stays. */
    public void cancel() {
        job.cancel();
    }

    /** The run in words, e.g. "pgd-at linf eps 0.1, 7 steps of 0.25 eps · 5 epochs of 10000 images". */
    static String describe(TrainingOptions o) {
        return String.format(Locale.ROOT, "%s · %d epoch%s of %s images", o.method().describe(), o.epochs(),
                o.epochs() == 1 ? "" : "s", o.trainLimit() == 0 ? "all training" : String.valueOf(o.trainLimit()));
    }

    /** A finished run in words: the file, the held-out accuracies and the epoch kept. */
    static String summary(TrainingReport r) {
        String robust = Double.isNaN(r.robustAccuracy()) ? "" : String.format(Locale.ROOT,
                ", PGD-20 accuracy %.3f at ε %s", r.robustAccuracy(), r.options().method().epsilon());
        return String.format(Locale.ROOT, "Saved %s: held-out accuracy %.3f on %d images%s (epoch %d of %d, %d s)",
                r.modelFile().getFileName(), r.testAccuracy(), r.testImages(), robust, r.savedEpoch(), r.epochs(),
                r.duration().toSeconds());
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** What each epoch of the current (or last) run measured, in order; changed on the FX thread. */
    public ObservableList<EpochMetrics> epochs() {
        return readOnlyEpochs;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** The running job's progress in [0, 1], or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return job.messageProperty();
    }

    /** Why the last run could not start or failed, or an empty string. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void dismissError() {
        error.set("");
    }

    /** The current (or last) run's settings in words; empty before the first run. */
    public ReadOnlyStringProperty runTitleProperty() {
        return runTitle.getReadOnlyProperty();
    }

    /** The epochs the current (or last) run was set to train; 0 before the first run. */
    public ReadOnlyIntegerProperty plannedEpochsProperty() {
        return plannedEpochs.getReadOnlyProperty();
    }

    /** The last successful run's report, or {@code null}. */
    public ReadOnlyObjectProperty<TrainingReport> reportProperty() {
        return job.resultProperty();
    }

    public BooleanBinding canTrainProperty() {
        return canTrain;
    }
}
