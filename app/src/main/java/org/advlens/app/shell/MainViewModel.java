package org.advlens.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.app.attack.AttackViewModel;
import org.advlens.app.boundary.BoundaryViewModel;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.compare.CompareViewModel;
import org.advlens.app.concepts.ConceptsViewModel;
import org.advlens.app.faithfulness.FaithfulnessViewModel;
import org.advlens.app.counterfactual.CounterfactualViewModel;
import org.advlens.app.curves.CurvesViewModel;
import org.advlens.app.image.GalleryViewModel;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.jobs.JobsViewModel;
import org.advlens.app.lessons.LessonsViewModel;
import org.advlens.app.model.ModelViewModel;
import org.advlens.app.robustness.RobustnessViewModel;
import org.advlens.app.saliency.SaliencyViewModel;
import org.advlens.app.sanity.SanityViewModel;
import org.advlens.app.session.SessionStore;
import org.advlens.app.session.SessionViewModel;
import org.advlens.app.train.TrainingViewModel;

/**
 * The main window's state and the composition root: it creates the shared services (notices, the engine's job
 * runner, the workspace, the session) and one view model per feature, and dispatches the window-wide commands
 * (run, open dropped files, switch views).
 */
public final class MainViewModel implements AutoCloseable {

    /** The views of the main window, in tab order. */
    public enum Page { ATTACK, CURVES, MODEL, SALIENCY, SANITY, COUNTERFACTUAL, TRAINING, ROBUSTNESS, BOUNDARY,
        COMPARE, CONCEPTS, FAITHFULNESS }

    private final Notices notices = new Notices();
    private final JobRunner jobs;
    private final Workspace workspace = new Workspace();
    private final SessionViewModel session;
    private final ModelViewModel model;
    private final GalleryViewModel gallery;
    private final AttackViewModel attack;
    private final CurvesViewModel curves;
    private final SaliencyViewModel saliency;
    private final SanityViewModel sanity;
    private final CounterfactualViewModel counterfactual;
    private final TrainingViewModel training;
    private final BoundaryViewModel boundary;
    private final RobustnessViewModel robustness;
    private final CompareViewModel compare;
    private final ConceptsViewModel concepts;
    private final FaithfulnessViewModel faithfulness;
    private final javafx.beans.binding.BooleanBinding canExport;
    private final JobsViewModel jobsPanel;
    private final StatusViewModel status;
    private final LessonsViewModel lessons;
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(this, "page", Page.ATTACK);
    private final BooleanProperty jobsVisible = new SimpleBooleanProperty(this, "jobsVisible", true);
    private final SessionAutosave autosave;

    public MainViewModel(SessionStore store) {
        this(store, null);
    }

    /** @param runner the job runner to use, or {@code null} for one with its own engine thread */
    public MainViewModel(SessionStore store, JobRunner runner) {
        this.jobs = runner != null ? runner : JobRunner.engineThread(notices);
        this.session = new SessionViewModel(store);
        this.autosave = new SessionAutosave(store.file().toAbsolutePath().resolveSibling("autosave"));
        this.model = new ModelViewModel(workspace, jobs, notices, session);
        this.gallery = new GalleryViewModel(workspace, jobs, notices, session);
        this.attack = new AttackViewModel(workspace, jobs, notices);
        this.curves = new CurvesViewModel(workspace, jobs, notices);
        this.saliency = new SaliencyViewModel(workspace, jobs, notices);
        this.sanity = new SanityViewModel(workspace, jobs, notices);
        this.counterfactual = new CounterfactualViewModel(workspace, jobs, notices);
        this.training = new TrainingViewModel(jobs, notices, model::load);
        this.boundary = new BoundaryViewModel(workspace, jobs, notices);
        this.boundary.setShowAttack(() -> page.set(Page.ATTACK));
        this.robustness = new RobustnessViewModel(workspace, jobs, notices);
        this.compare = new CompareViewModel(workspace, jobs, notices);
        this.concepts = new ConceptsViewModel(workspace, jobs, notices);
        this.faithfulness = new FaithfulnessViewModel(workspace, jobs, notices);
        this.canExport = javafx.beans.binding.Bindings.createBooleanBinding(() -> switch (page.get()) {
            case ATTACK, MODEL -> attack.resultProperty().get() != null;
            case CURVES -> curves.canExportProperty().get();
            case SALIENCY -> saliency.resultProperty().get() != null;
            case SANITY -> sanity.resultProperty().get() != null;
            case COUNTERFACTUAL -> counterfactual.resultProperty().get() != null;
            case TRAINING -> false;
            case BOUNDARY, CONCEPTS -> false;
            case ROBUSTNESS -> robustness.canExportProperty().get();
            case COMPARE -> compare.canExportProperty().get();
            case FAITHFULNESS -> faithfulness.resultProperty().get() != null;
        }, page, attack.resultProperty(), curves.canExportProperty(), saliency.resultProperty(),
                sanity.resultProperty(), counterfactual.resultProperty(), robustness.canExportProperty(),
                compare.canExportProperty(), faithfulness.resultProperty());
        this.jobsPanel = new JobsViewModel(jobs);
        this.status = new StatusViewModel(notices);
        this.lessons = new LessonsViewModel(new AppLessonHost(this), notices, SessionStore.configDir()
                .resolve("lessons"), javafx.application.Platform::runLater);
    }

    /**
     * Loads the bundled samples first (plain image decoding, so the gallery fills at once), then the bundled
     * model (which starts the engine), then asks the engine what it runs on. After a session that did not close
     * normally (a crash, a killed process), its autosaved state is restored instead of the bundled model.
     */
    public void startUp() {
        var samples = gallery.loadBundled();
        var unfinished = autosave.unfinished();
        if (unfinished.isPresent()) {
            autosave.restore(this, unfinished.get(), samples);
        } else {
            model.loadBundled();
        }
        autosave.watch(this);
        status.start(jobs);
    }

    /**
     * Runs the current page's main action: the attack, the curves, the maps, the check, the counterfactual or the
     * training.
     */
    public void runCurrent() {
        switch (page.get()) {
            case CURVES -> curves.runCurves();
            case SALIENCY -> saliency.runSaliency();
            case SANITY -> sanity.runCheck();
            case COUNTERFACTUAL -> counterfactual.runCounterfactual();
            case TRAINING -> training.train();
            case BOUNDARY -> boundary.run();
            case CONCEPTS -> concepts.run();
            case FAITHFULNESS -> faithfulness.run();
            case ROBUSTNESS -> robustness.runCurrent();
            case COMPARE -> compare.run();
            case ATTACK, MODEL -> {
                page.set(Page.ATTACK);
                attack.runAttack();
            }
        }
    }

    /**
     * Opens dropped or chosen files: lessons start in the lessons panel, models go to the model view, images to
     * the gallery.
     */
    public void openFiles(List<Path> files) {
        for (Path f : files) {
            if (LessonsViewModel.looksLikeLesson(f)) {
                lessons.open(f);
            } else if (Files.isDirectory(f)) {
                gallery.openDataset(f, null);
            } else if (ModelViewModel.looksLikeModel(f)) {
                model.load(f);
            } else if (GalleryViewModel.looksLikeImage(f)) {
                if (page.get() != Page.SALIENCY && page.get() != Page.COUNTERFACTUAL) {
                    page.set(Page.ATTACK);
                }
                gallery.openImage(f);
            } else if (f.getFileName().toString().contains("idx3")) {
                gallery.openDataset(f, null);
            } else {
                notices.error("Cannot open " + f.getFileName(), "expected a model (.zip, .h5), an image (.png,"
                        + " .jpg, .bmp, .gif), an IDX image file or a class folder");
            }
        }
    }

    @Override
    public void close() {
        autosave.close();
        status.stop();
        session.save();
        jobs.close();
    }

    public Notices notices() {
        return notices;
    }

    public JobRunner jobs() {
        return jobs;
    }

    public Workspace workspace() {
        return workspace;
    }

    public SessionViewModel session() {
        return session;
    }

    public ModelViewModel model() {
        return model;
    }

    public GalleryViewModel gallery() {
        return gallery;
    }

    public AttackViewModel attack() {
        return attack;
    }

    public CurvesViewModel curves() {
        return curves;
    }

    public SaliencyViewModel saliency() {
        return saliency;
    }

    public SanityViewModel sanity() {
        return sanity;
    }

    public CounterfactualViewModel counterfactual() {
        return counterfactual;
    }

    public TrainingViewModel training() {
        return training;
    }

    public BoundaryViewModel boundary() {
        return boundary;
    }

    public ConceptsViewModel concepts() {
        return concepts;
    }

    public FaithfulnessViewModel faithfulness() {
        return faithfulness;
    }

    public RobustnessViewModel robustness() {
        return robustness;
    }

    public CompareViewModel compare() {
        return compare;
    }

    /** Whether the current page has a result to export (Ctrl+E). */
    public javafx.beans.binding.BooleanBinding canExportProperty() {
        return canExport;
    }

    public JobsViewModel jobsPanel() {
        return jobsPanel;
    }

    /** The teaching mode: the lessons and the one being followed. */
    public LessonsViewModel lessons() {
        return lessons;
    }

    public StatusViewModel status() {
        return status;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public BooleanProperty jobsVisibleProperty() {
        return jobsVisible;
    }

    public BooleanProperty darkThemeProperty() {
        return session.darkThemeProperty();
    }
}
