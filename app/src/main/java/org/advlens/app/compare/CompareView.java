package org.advlens.app.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.data.Images;
import org.advlens.eval.compare.ModelAgreement;
import org.advlens.render.ColourMaps;

/**
 * The Compare view: the models beside the current one (add the bundled robust model, a file from a chooser, or
 * drop files on the list), the transfer matrix heatmap, the agreement with the chosen model and the gallery of
 * images where the two disagree (click one to make it the current image), and the same saliency method and attack
 * on the current image for both models.
 */
public final class CompareView extends SplitPane {

    private static final int THUMB = 44;

    private final CompareViewModel vm;
    private final MatrixCanvas matrix = new MatrixCanvas();
    private final Label agreementText = new Label("");
    private final FlowPane gallery = new FlowPane(4, 4);
    private final GridPane sideBySide = new GridPane();
    private final Label sideTitle = new Label("Run to compare the current image on both models");

    /**
     * @param vm the view's state
     * @param currentModel the current model's name, for the list's header
     * @param chooseModel opens a file chooser and hands the chosen model file on
     */
    public CompareView(CompareViewModel vm, javafx.beans.value.ObservableStringValue currentModel,
                       Consumer<Consumer<Path>> chooseModel) {
        this.vm = vm;
        setId("compareView");
        getItems().setAll(form(currentModel, chooseModel), results());
        setDividerPositions(0.24);
        vm.matrixProperty().addListener((o, a, r) -> matrix.show(r));
        vm.agreementProperty().addListener((o, a, r) -> showAgreement(r));
        vm.disagreements().addListener((javafx.collections.ListChangeListener<Disagreement>) c -> showGallery());
        vm.rowsProperty().addListener((o, a, r) -> showRows());
    }

    private Node form(javafx.beans.value.ObservableStringValue currentModel, Consumer<Consumer<Path>> chooseModel) {
        Label current = new Label();
        current.textProperty().bind(javafx.beans.binding.Bindings.concat("Current: ", currentModel));
        current.setWrapText(true);
        ListView<ComparedModel> list = new ListView<>(vm.models());
        list.setId("compareModels");
        list.setPrefHeight(120);
        list.setPlaceholder(new Label("Add a model, or drop model files here"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, m) -> {
            if (m != null) {
                vm.comparedProperty().set(m);
            }
        });
        vm.comparedProperty().addListener((o, a, m) -> list.getSelectionModel().select(m));
        list.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        list.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                e.getDragboard().getFiles().forEach(f -> vm.addModel(f.toPath()));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        Button robust = button("addRobust", "Add robust (bundled)", "The bundled PGD-trained model",
                vm::addBundledRobust);
        Button file = button("addModel", "Add model…", "A DL4J zip, Keras .h5 or ONNX file",
                () -> chooseModel.accept(vm::addModel));
        Button remove = button("removeModel", "Remove", "Remove the selected model",
                () -> vm.remove(list.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.runningProperty()));

        ComboBox<String> attack = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                CompareViewModel.attackChoices()));
        attack.valueProperty().bindBidirectional(vm.attackProperty());
        Spinner<Double> eps = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1,
                vm.epsilonProperty().get(), 0.01);
        eps.setValueFactory(f);
        f.valueProperty().bindBidirectional(vm.epsilonProperty());
        Spinner<Integer> images = FormControls.intSpinner("compareImages", 10, 1000, vm.imagesProperty(),
                "Bundled test images for the matrix and the agreement");
        ComboBox<String> saliency = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                CompareViewModel.saliencyChoices()));
        saliency.valueProperty().bindBidirectional(vm.saliencyProperty());
        GridPane grid = FormControls.grid();
        grid.addRow(0, FormControls.fieldLabel("Attack"), FormControls.tip("compareAttack", attack,
                "The attack crafted on every model (its default parameters and seed)"));
        grid.addRow(1, FormControls.fieldLabel("ε (L∞)"), FormControls.tip("compareEpsilon", eps,
                "The attack's budget in pixel units"));
        grid.addRow(2, FormControls.fieldLabel("Images"), images);
        grid.addRow(3, FormControls.fieldLabel("Saliency"), FormControls.tip("compareSaliency", saliency,
                "The map shown for both models on the current image"));

        Button run = button("runCompare", "Run", "Compare on the current image and on the data set (Ctrl+R)",
                vm::run);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setDefaultButton(true);
        Button cancel = button("cancelCompare", "Cancel", "Stop at the next batch", vm::cancel);
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        VBox box = new VBox(8, FormControls.section("Models"), current, list,
                new HBox(6, robust, file), remove, FormControls.section("Settings"), grid,
                new HBox(6, run, cancel), bar, message);
        box.setPadding(new Insets(10));
        box.setMinWidth(230);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node results() {
        matrix.setId("transferMatrix");
        agreementText.setId("agreementText");
        agreementText.setWrapText(true);
        agreementText.setMaxWidth(330);
        VBox agreementBox = new VBox(6, FormControls.section("Agreement"), agreementText);
        HBox top = new HBox(12, new VBox(6, FormControls.section("Transfer matrix"), matrix), agreementBox);
        sideBySide.setHgap(10);
        sideBySide.setVgap(4);
        VBox side = new VBox(6, FormControls.section("Current image on both models"), sideTitle, sideBySide);
        gallery.setId("disagreementGallery");
        gallery.setPrefWrapLength(900);
        VBox disagree = new VBox(6, FormControls.section("Where they disagree (click to compare)"), gallery);
        VBox content = new VBox(10, top, side, disagree);
        content.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    private void showAgreement(ModelAgreement.Result r) {
        if (r == null) {
            agreementText.setText("");
            return;
        }
        int[] o = r.outcomes();
        agreementText.setText(String.format(Locale.ROOT, "%s against %s on %d images%n%nagreement %.3f, Cohen's "
                + "kappa %.3f%naccuracy %.3f and %.3f%n%nboth right %d, only the first %d,%nonly the second %d, "
                + "both wrong %d%n%n%d images disagree", r.first().name(), r.second().name(), r.count(),
                r.agreementRate(), r.kappa(), r.firstAccuracy(), r.secondAccuracy(), o[0], o[1], o[2], o[3],
                r.count() - r.agreements()));
    }

    private void showGallery() {
        gallery.getChildren().clear();
        List<String> classes = vm.classNames();
        for (Disagreement d : vm.disagreements()) {
            ImageItem item = d.image();
            ImageView view = new ImageView(ImageRenderer.render(item.unit(), 0, 0, 1));
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            Button b = new Button(null, view);
            b.getStyleClass().add("thumbnail");
            b.setPadding(new Insets(1));
            Tooltip.install(b, new Tooltip(String.format(Locale.ROOT, "%s%ncurrent: %s%ncompared: %s", item.name(),
                    ClassScore.nameOf(classes, d.first()), ClassScore.nameOf(classes, d.second()))));
            b.setOnAction(e -> vm.open(d));
            gallery.getChildren().add(b);
        }
    }

    private void showRows() {
        sideBySide.getChildren().clear();
        List<ImageComparison.Row> rows = vm.rowsProperty().get();
        ImageItem image = vm.rowsImageProperty().get();
        if (rows == null || image == null) {
            return;
        }
        List<String> classes = vm.classNames();
        sideTitle.setText(image.name() + ": " + vm.saliencyProperty().get() + " map of the predicted class, and "
                + vm.attackProperty().get().toUpperCase(Locale.ROOT) + " at ε " + vm.epsilonProperty().get());
        Images unit = image.unit();
        int h = unit.height();
        int w = unit.width();
        sideBySide.addRow(0, new Label("model"), new Label("image"), new Label("saliency"),
                new Label("adversarial"));
        for (int i = 0; i < rows.size(); i++) {
            ImageComparison.Row r = rows.get(i);
            float[] map = plane(r.saliency(), h * w);
            ColourMaps.Scheme scheme = r.signed() ? ColourMaps.Scheme.DIVERGING : ColourMaps.Scheme.SEQUENTIAL;
            int[] argb = MapPictures.overlay(null, 0, 0, 1, map, scheme, MapPictures.limit(map, 99), 1);
            Label name = new Label(String.format(Locale.ROOT, "%s%n%s %.2f%n→ %s %.2f", r.model(),
                    ClassScore.nameOf(classes, r.predicted()), r.confidence(),
                    ClassScore.nameOf(classes, r.adversarialPredicted()), r.adversarialConfidence()));
            name.setWrapText(true);
            name.setMaxWidth(200);
            sideBySide.addRow(i + 1, name, small(ImageRenderer.render(unit, 0, 0, 1)),
                    small(MapPictures.toFx(argb, h, w)), small(ImageRenderer.render(r.adversarial(), 0,
                            vm.inputLower(), vm.inputUpper())));
        }
    }

    /** The map summed over channels: one value per pixel. */
    private static float[] plane(float[] values, int size) {
        float[] out = new float[size];
        for (int i = 0; i < values.length; i++) {
            out[i % size] += values[i];
        }
        return out;
    }

    private static ImageView small(javafx.scene.image.Image image) {
        ImageView v = new ImageView(image);
        v.setFitWidth(100);
        v.setFitHeight(100);
        return v;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
