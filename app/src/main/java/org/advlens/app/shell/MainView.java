package org.advlens.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.advlens.app.attack.AttackView;
import org.advlens.app.boundary.BoundaryView;
import org.advlens.app.common.FileDialogs;
import org.advlens.app.common.Notices.Level;
import org.advlens.app.common.Notices.Notice;
import org.advlens.app.compare.CompareView;
import org.advlens.app.concepts.ConceptsView;
import org.advlens.app.faithfulness.FaithfulnessView;
import org.advlens.app.counterfactual.CounterfactualView;
import org.advlens.app.counterfactual.GeneratorChoosers;
import org.advlens.app.curves.CurvesView;
import org.advlens.app.curves.DataChoosers;
import org.advlens.app.image.GalleryView;
import org.advlens.app.jobs.JobsView;
import org.advlens.app.lessons.LessonPanel;
import org.advlens.app.model.ModelView;
import org.advlens.app.report.ReportDialog;
import org.advlens.app.report.ReportViewModel;
import org.advlens.app.robustness.RobustnessView;
import org.advlens.app.saliency.SaliencyView;
import org.advlens.app.sanity.SanityView;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.app.train.TrainingChoosers;
import org.advlens.app.train.TrainingView;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;

/**
 * The main window: menus, the Attack / Curves / Model / Saliency / Sanity checks / Counterfactual / Training /
 * Boundary / Compare tabs, the jobs and messages panel, the status bar, drag and drop of files, pop-up notifications for
 * warnings and errors, and the theme.
 */
public final class MainView extends BorderPane implements MainMenu.Actions, DataChoosers, GeneratorChoosers,
        TrainingChoosers {

    private static final String BASE_CSS = "/org/advlens/app/app.css";
    private static final String LIGHT_CSS = "/org/advlens/app/light.css";
    private static final String DARK_CSS = "/org/advlens/app/dark.css";

    private final MainViewModel vm;
    private final Stage stage;
    private final FileDialogs dialogs;
    private final TabPane tabs = new TabPane();
    private final SplitPane body = new SplitPane();
    private final TabPane bottom = new TabPane();

    public MainView(MainViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        this.dialogs = new FileDialogs(vm.session()::initialDirectory);
        getStyleClass().add("main-view");

        Tab attack = tab("Attack", new SplitPane(new GalleryView(vm.gallery(), this::openImage, this::openDataset,
                this::openDatasetFolder), new AttackView(vm.attack(), this::exportAttack)), "attackTab", "Attack one image and see what changed (Ctrl+1)");
        ((SplitPane) attack.getContent()).setDividerPositions(0.18);
        Tab curves = tab("Curves", new CurvesView(vm.curves(), this, this::exportCurves, vm.darkThemeProperty()),
                "curvesTab", "Accuracy versus ε over a data set (Ctrl+2)");
        Tab model = tab("Model", new ModelView(vm.model(), this::openModel), "modelTab",
                "The loaded model and its input description (Ctrl+3)");
        Tab saliency = tab("Saliency", new SaliencyView(vm.saliency(), this::exportSaliency), "saliencyTab",
                "Which pixels a class score depends on, by several methods side by side (Ctrl+4)");
        Tab sanity = tab("Sanity checks", new SanityView(vm.sanity(), this::exportSanityGrid, this::exportSanityCurves),
                "sanityTab", "Do the maps change when the model is randomised? (Ctrl+5)");
        Tab counterfactual = tab("Counterfactual", new CounterfactualView(vm.counterfactual(),
                this::exportCounterfactual, this), "counterfactualTab",
                "The smallest readable change that makes the model predict another class (Ctrl+6)");
        Tab training = tab("Training", new TrainingView(vm.training(), this, vm.darkThemeProperty()), "trainingTab",
                "Train the bundled model's CNN on Fashion-MNIST or your own data, standard or robust, and watch each"
                + " epoch (Ctrl+7)");
        Tab boundary = tab("Boundary", new BoundaryView(vm.boundary()), "boundaryTab",
                "Decision planes through the image: the classes around it, for one model or two (Ctrl+9)");
        Tab robustness = tab("Robustness", new RobustnessView(vm.robustness(), this, (title, stem, ext, chosen) ->
                saveAs(title, stem, ext).ifPresent(chosen)), "robustnessTab",
                "Certification, common corruptions, OOD detection and calibration over a data set (Ctrl+8)");
        Tab compare = tab("Compare", new CompareView(vm.compare(), vm.compare().currentModelNameProperty(),
                this::chooseModel), "compareTab",
                "Several models on the same data: transfer matrix, agreement, and both on one image (Ctrl+0)");
        Tab concepts = tab("Concepts", new ConceptsView(vm.concepts()), "conceptsTab",
                "The concepts (channels of a layer) behind the decision and the images they stand for (Ctrl+Shift+4)");
        Tab faithfulness = tab("Faithfulness", new FaithfulnessView(vm.faithfulness(), this::exportFaithfulness),
                "faithfulnessTab", "Every saliency method scored on a data set sample, for one model or two "
                + "(Ctrl+Shift+5)");
        tabs.getTabs().setAll(attack, curves, model, saliency, sanity, counterfactual, training, robustness,
                boundary, compare, concepts, faithfulness);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(vm.pageProperty().get().ordinal());
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) ->
                vm.pageProperty().set(Page.values()[i.intValue()]));
        vm.pageProperty().addListener((o, a, p) -> tabs.getSelectionModel().select(p.ordinal()));

        Tab jobsTab = tab("Jobs", new JobsView(vm.jobsPanel()), "jobsTab", "Running and recent jobs");
        Tab messages = tab("Messages", new MessagesView(vm.notices()), "messagesTab",
                "Information, warnings and errors of this session");
        bottom.getTabs().setAll(jobsTab, messages);
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setMinHeight(60);
        body.setOrientation(javafx.geometry.Orientation.VERTICAL);
        body.getItems().add(tabs);
        showJobs(vm.jobsVisibleProperty().get());
        vm.jobsVisibleProperty().addListener((o, a, show) -> showJobs(show));

        setTop(new MainMenu(vm, this));
        setCenter(body);
        setBottom(statusBar());
        LessonPanel lessons = new LessonPanel(vm.lessons(), this::openLesson);
        vm.lessons().panelVisibleProperty().addListener((o, a, show) -> setRight(show ? lessons : null));

        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dragDropped);
        vm.notices().latestProperty().addListener((o, a, n) -> notify(n));
    }

    /** A scene for this view with the application's style sheets and the shortcuts menus cannot carry. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        scene.getStylesheets().setAll(css(BASE_CSS), css(vm.darkThemeProperty().get() ? DARK_CSS : LIGHT_CSS));
        vm.darkThemeProperty().addListener((o, a, dark) ->
                scene.getStylesheets().setAll(css(BASE_CSS), css(dark ? DARK_CSS : LIGHT_CSS)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::runCurrent);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (vm.lessons().runnerProperty().get() != null) {
                vm.lessons().leave();
            } else {
                vm.lessons().close();
            }
        });
        return scene;
    }

    private static String css(String resource) {
        return MainView.class.getResource(resource).toExternalForm();
    }

    private void showJobs(boolean show) {
        if (show && !body.getItems().contains(bottom)) {
            body.getItems().add(bottom);
            body.setDividerPositions(0.85);
        } else if (!show) {
            body.getItems().remove(bottom);
        }
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(vm.status().messageProperty());
        Label engine = new Label();
        engine.setId("engineStatus");
        engine.textProperty().bind(vm.status().engineProperty());
        Tooltip engineTip = new Tooltip();
        engineTip.textProperty().bind(vm.status().engineDetailsProperty());
        engine.setTooltip(engineTip);
        Label memory = new Label();
        memory.textProperty().bind(vm.status().memoryProperty());
        memory.setTooltip(new Tooltip("Java heap in use / maximum"));
        Label jobs = new Label();
        jobs.textProperty().bind(vm.jobsPanel().summaryProperty());
        Label model = new Label();
        model.textProperty().bind(vm.model().titleProperty());
        model.setTooltip(new Tooltip("The loaded model"));
        bar.getRightItems().addAll(sep(), model, sep(), jobs, sep(), engine, sep(), memory);
        // The message on the left gives way; the facts on the right are never cut.
        bar.getRightItems().forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        return bar;
    }

    private static Label sep() {
        Label l = new Label("│");
        l.getStyleClass().add("status-separator");
        return l;
    }

    private void notify(Notice n) {
        if (n == null || n.level() == Level.INFO || !Boolean.parseBoolean(
                System.getProperty("advlens.notifications", "true")) || stage == null || !stage.isShowing()) {
            return;
        }
        Notifications note = Notifications.create().title(n.title()).text(n.text()).owner(stage)
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(n.level() == Level.ERROR ? 8 : 6))
                .threshold(3, Notifications.create().title("Several messages").text("See the Messages panel"));
        if (vm.darkThemeProperty().get()) {
            note.darkStyle();
        }
        if (n.level() == Level.ERROR) {
            note.showError();
        } else {
            note.showWarning();
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            List<Path> files = e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList();
            Platform.runLater(() -> vm.openFiles(files));
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    @Override
    public void openModel() {
        dialogs.open(stage, "Open model", FileDialogs.MODELS).ifPresent(vm.model()::load);
    }

    @Override
    public void openImage() {
        dialogs.open(stage, "Open image", FileDialogs.IMAGES).ifPresent(p -> vm.openFiles(List.of(p)));
    }

    @Override
    public void openDataset() {
        dialogs.open(stage, "Open data set (IDX images; labels are found next to them)", FileDialogs.IDX)
                .ifPresent(p -> vm.gallery().openDataset(p, null));
    }

    private void openDatasetFolder() {
        dialogs.folder(stage, "Class folder (one sub-folder of images per class)")
                .ifPresent(p -> vm.gallery().openDataset(p, null));
    }

    @Override
    public void chooseData(boolean folder, Consumer<Path> chosen) {
        (folder ? dialogs.folder(stage, "Class folder (one sub-folder per class)")
                : dialogs.open(stage, "IDX image file", FileDialogs.IDX)).ifPresent(p -> {
                    vm.session().rememberData(p);
                    chosen.accept(p);
                });
    }

    @Override
    public void chooseModel(Consumer<Path> chosen) {
        dialogs.open(stage, "Model to compare with", FileDialogs.MODELS).ifPresent(chosen);
    }

    @Override
    public void chooseTrainingData(Consumer<Path> chosen) {
        dialogs.folder(stage, "Fashion-MNIST folder (train-images-idx3-ubyte.gz and the three other IDX files)")
                .ifPresent(chosen);
    }

    @Override
    public void chooseTrainingOutput(Path suggested, Consumer<Path> chosen) {
        dialogs.save(stage, "Save the trained model as", suggested == null || suggested.getFileName() == null
                ? "fashion-cnn.zip" : suggested.getFileName().toString(), FileDialogs.ZIP).map(p -> p.getFileName()
                .toString().toLowerCase(Locale.ROOT).endsWith(".zip") ? p : p.resolveSibling(p.getFileName() + ".zip"))
                .ifPresent(chosen);
    }

    @Override
    public void chooseLabels(Consumer<Path> chosen) {
        dialogs.open(stage, "IDX label file", FileDialogs.IDX).ifPresent(chosen);
    }

    /** Exports the current view's result (Ctrl+E). */
    @Override
    public void exportAttack() {
        switch (vm.pageProperty().get()) {
            case CURVES -> exportCurves("json");
            case SALIENCY -> exportSaliency();
            case SANITY -> exportSanityCurves("json");
            case COUNTERFACTUAL -> exportCounterfactual();
            case BOUNDARY -> vm.notices().info("Nothing to export",
                    "advlens boundary --json writes a plane's grid and PNG");
            case CONCEPTS -> vm.notices().info("Nothing to export",
                    "advlens concepts --atlas writes the concept atlas as JSON and PNG");
            case ROBUSTNESS -> saveAs("Export the evaluation", "robustness", "json")
                    .ifPresent(vm.robustness()::export);
            case ATTACK, MODEL -> dialogs.folder(stage, "Export the attack view to folder")
                    .ifPresent(vm.attack()::exportTo);
            case TRAINING -> vm.notices().info("Nothing to export", "the trained model is saved where the form says");
            case COMPARE -> saveAs("Export the transfer matrix", "transfer-matrix", "json")
                    .ifPresent(vm.compare()::export);
            case FAITHFULNESS -> exportFaithfulness();
        }
    }

    /** Asks for a .json or .csv file (.json when the name has neither) and exports the faithfulness table. */
    private void exportFaithfulness() {
        dialogs.save(stage, "Export the faithfulness table", "faithfulness.json",
                new FileChooser.ExtensionFilter("JSON or CSV", "*.json", "*.csv")).map(p -> {
                    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return name.endsWith(".json") || name.endsWith(".csv") ? p : p.resolveSibling(p.getFileName()
                            + ".json");
                }).ifPresent(vm.faithfulness()::export);
    }

    private void exportSaliency() {
        dialogs.folder(stage, "Export the saliency maps to folder").ifPresent(vm.saliency()::exportTo);
    }

    @Override
    public void loadGenerator() {
        dialogs.open(stage, "Load generator (autoencoder zip from advlens train-generator)", FileDialogs.ZIP,
                FileDialogs.ALL).ifPresent(vm.counterfactual().generator()::load);
    }

    @Override
    public void trainGenerator() {
        dialogs.open(stage, "Train a generator on (IDX images; labels are found next to them)", FileDialogs.IDX,
                FileDialogs.ALL).ifPresent(data -> dialogs.save(stage, "Save the trained generator as",
                "generator.zip", FileDialogs.ZIP).ifPresent(out -> vm.counterfactual().generator().train(data, out)));
    }

    private void exportCounterfactual() {
        dialogs.folder(stage, "Export the counterfactual to folder").ifPresent(vm.counterfactual()::exportTo);
    }

    private void exportSanityGrid() {
        saveAs("Export the grid of maps", "sanity-grid", "png").ifPresent(vm.sanity()::exportGrid);
    }

    private void exportSanityCurves(String extension) {
        saveAs("Export the similarity curves", "sanity-curves", extension).ifPresent(vm.sanity()::exportCurves);
    }

    private java.util.Optional<Path> saveAs(String title, String stem, String extension) {
        FileChooser.ExtensionFilter filter = new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT),
                "*." + extension);
        return dialogs.save(stage, title, stem + "." + extension, filter).map(p -> p.getFileName().toString()
                .toLowerCase(Locale.ROOT).endsWith("." + extension) ? p : p.resolveSibling(p.getFileName() + "."
                + extension));
    }

    private void exportCurves(String extension) {
        FileChooser.ExtensionFilter filter = new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT),
                "*." + extension);
        String name = extension.equals("json") ? "curve.json" : "curve." + extension;
        dialogs.save(stage, "Export curves", name, filter).map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith("." + extension) ? p : p.resolveSibling(p.getFileName() + "." + extension))
                .ifPresent(vm.curves()::export);
    }

    @Override
    public void writeReport() {
        ReportViewModel report = new ReportViewModel(vm.workspace(), vm.robustness().data().dataFileProperty(),
                vm.robustness().data().labelFileProperty(), vm.jobs(), vm.notices());
        new ReportDialog(stage, report, dialogs, this::openInBrowser).show();
    }

    /** Opens a written file in the system's browser, off the FX thread; says where it is when that fails. */
    private void openInBrowser(Path file) {
        Thread t = new Thread(() -> {
            try {
                java.awt.Desktop.getDesktop().browse(file.toUri());
            } catch (Exception | Error e) {
                Platform.runLater(() -> vm.notices().warning("Cannot open a browser", "open " + file + " yourself"));
            }
        }, "advlens-open-report");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void openLesson() {
        dialogs.open(stage, "Open lesson (JSON)", new FileChooser.ExtensionFilter("Lesson (JSON)", "*.json"))
                .ifPresent(vm.lessons()::open);
    }

    @Override
    public void showShortcuts() {
        info("Keyboard shortcuts", MainMenu.SHORTCUTS);
    }

    @Override
    public void showAbout() {
        info("About AdvLens", "AdvLens " + org.advlens.provenance.Provenance.version()
                + "\nA workbench for looking at how image classifiers fail: adversarial attacks, perturbations"
                + " and robustness curves.\nEngine: DL4J/ND4J. Java " + System.getProperty("java.version") + ".");
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle(title);
        a.setHeaderText(title);
        a.setContentText(text);
        a.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        a.show();
    }

    @Override
    public void quit() {
        stage.close();
    }

    private static Tab tab(String title, javafx.scene.Node content, String id, String tip) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setTooltip(new Tooltip(tip));
        return t;
    }
}
