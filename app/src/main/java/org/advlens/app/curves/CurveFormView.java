package org.advlens.app.curves;

import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.CurveSettings.EpsilonMode;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;

/** The curve form: data set, attacks, parameters, epsilons and limit, bound to {@link CurveSettings}. */
final class CurveFormView extends javafx.scene.layout.BorderPane {

    CurveFormView(CurvesViewModel vm, DataChoosers choosers) {
        CurveSettings s = vm.settings();
        getStyleClass().add("params-view");
        Label title = new Label("Robustness curve");
        title.getStyleClass().add("view-title");

        ToggleGroup dataGroup = new ToggleGroup();
        RadioButton bundled = new RadioButton("Bundled Fashion-MNIST test set");
        bundled.setToggleGroup(dataGroup);
        bundled.setTooltip(new Tooltip("The first 1000 Fashion-MNIST test images, bundled with AdvLens"));
        RadioButton own = new RadioButton("My data:");
        own.setToggleGroup(dataGroup);
        own.setTooltip(new Tooltip("An IDX image file with its labels, or a folder with one sub-folder per class"));
        Label dataName = new Label();
        dataName.getStyleClass().add("muted");
        dataName.textProperty().bind(Bindings.createStringBinding(() -> s.dataFileProperty().get() == null ? "none chosen"
                : s.dataFileProperty().get().getFileName() + (s.labelFileProperty().get() == null ? ""
                : " + " + s.labelFileProperty().get().getFileName()), s.dataFileProperty(), s.labelFileProperty()));
        Button idx = new Button("IDX file…");
        idx.setTooltip(new Tooltip("An idx3-ubyte image file (plain or .gz); its idx1 labels are found next to it"
                + " or chosen with Labels…"));
        idx.setOnAction(e -> choosers.chooseData(false, p -> {
            s.labelFileProperty().set(null);
            s.dataFileProperty().set(p);
        }));
        Button labels = new Button("Labels…");
        labels.setTooltip(new Tooltip("The idx1-ubyte label file for the IDX images"));
        labels.setOnAction(e -> choosers.chooseLabels(p -> s.labelFileProperty().set(p)));
        Button folder = new Button("Folder…");
        folder.setTooltip(new Tooltip("A folder with one sub-folder of images per class"));
        folder.setOnAction(e -> choosers.chooseData(true, p -> {
            s.labelFileProperty().set(null);
            s.dataFileProperty().set(p);
        }));
        HBox ownButtons = new HBox(6, idx, labels, folder);
        ownButtons.disableProperty().bind(own.selectedProperty().not());
        bundled.setSelected(s.dataFileProperty().get() == null);
        own.setSelected(s.dataFileProperty().get() != null);
        bundled.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                s.dataFileProperty().set(null);
                s.labelFileProperty().set(null);
            }
        });
        s.dataFileProperty().addListener((o, a, p) -> (p == null ? bundled : own).setSelected(true));
        VBox data = new VBox(4, section("Data"), bundled, new HBox(6, own, dataName), ownButtons);

        VBox attacks = new VBox(4, section("Attacks"));
        for (Map.Entry<FixedEpsilonAttack, BooleanProperty> e : s.chosenAttacks().entrySet()) {
            CheckBox c = new CheckBox(e.getKey().displayName());
            c.setWrapText(true);
            c.setId("curveAttack-" + e.getKey().name());
            c.selectedProperty().bindBidirectional(e.getValue());
            c.setTooltip(new Tooltip("Add a " + e.getKey().name().toUpperCase(java.util.Locale.ROOT)
                    + " curve to this run"));
            attacks.getChildren().add(c);
        }

        ComboBox<Norm> norm = new ComboBox<>();
        norm.getItems().setAll(Norm.values());
        norm.valueProperty().bindBidirectional(s.normProperty());
        norm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Norm n) {
                return n == null ? "" : n == Norm.LINF ? "L∞" : "L2";
            }

            @Override
            public Norm fromString(String t) {
                return null;
            }
        });
        norm.setTooltip(new Tooltip("The norm of the ε-ball for every attack of the run"));
        Spinner<Integer> steps = spinner(1, 1000, s.stepsProperty());
        steps.disableProperty().bind(s.anyIterativeProperty().not());
        steps.setTooltip(new Tooltip("Gradient steps of the iterative attacks (BIM, PGD); more is stronger and slower"));
        TextField seed = new TextField();
        seed.textProperty().bindBidirectional(s.seedProperty());
        seed.setPrefColumnCount(6);
        seed.setTooltip(new Tooltip("Seed of the random starts (R+FGSM, PGD)"));

        ToggleGroup modeGroup = new ToggleGroup();
        RadioButton range = new RadioButton("Range");
        range.setToggleGroup(modeGroup);
        range.setTooltip(new Tooltip("Evenly spaced epsilons from 'from' to 'to'"));
        RadioButton list = new RadioButton("List");
        list.setToggleGroup(modeGroup);
        list.setTooltip(new Tooltip("Epsilons separated by commas, e.g. 0, 0.05, 0.1"));
        range.setSelected(s.modeProperty().get() == EpsilonMode.RANGE);
        list.setSelected(s.modeProperty().get() == EpsilonMode.LIST);
        range.selectedProperty().addListener((o, a, on) -> s.modeProperty().set(on ? EpsilonMode.RANGE
                : EpsilonMode.LIST));
        TextField from = field(s.fromProperty(), "Smallest ε", 3, "epsFrom");
        TextField to = field(s.toProperty(), "Largest ε", 3, "epsTo");
        TextField count = field(s.countProperty(), "How many epsilons, including both ends", 2, "epsCount");
        HBox rangeRow = new HBox(4, from, fixed("to"), to, fixed("×"), count);
        rangeRow.setAlignment(Pos.CENTER_LEFT);
        rangeRow.disableProperty().bind(range.selectedProperty().not());
        TextField listField = field(s.listProperty(), "Epsilons separated by commas", 14, "epsList");
        listField.disableProperty().bind(list.selectedProperty().not());
        Label preview = new Label();
        preview.getStyleClass().add("muted");
        preview.setWrapText(true);
        preview.textProperty().bind(s.epsilonPreviewProperty());

        Spinner<Integer> limit = spinner(1, 1_000_000, s.limitProperty());
        limit.setId("curveLimit");
        limit.setTooltip(new Tooltip("Use only the first N images of the data set (fewer is faster)"));
        Spinner<Integer> batch = spinner(1, 10_000, s.batchSizeProperty());
        batch.setTooltip(new Tooltip("Images per engine batch; bounds memory, and cancelling waits at most one batch"));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, label("Norm"), norm);
        grid.addRow(row++, label("Steps"), steps);
        grid.addRow(row++, label("Seed"), seed);
        grid.addRow(row++, range, rangeRow);
        grid.addRow(row++, list, listField);
        grid.add(preview, 0, row++, 2, 1);
        grid.addRow(row++, label("Limit (images)"), limit);
        grid.addRow(row++, label("Batch size"), batch);

        VBox compare = comparison(vm, choosers);

        Label error = FormControls.errorLabel(null, s.errorProperty());

        Button run = new Button("Run curves");
        run.setId("runCurvesButton");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runCurves());
        run.setTooltip(new Tooltip("Evaluate accuracy at every ε for every chosen attack (Ctrl+R or F5)"));
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCurvesButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop the running curve; its points so far stay on the chart"));
        Button clear = new Button("Clear");
        clear.setId("clearCurvesButton");
        clear.setOnAction(e -> vm.clear());
        clear.setTooltip(new Tooltip("Remove all curves and warnings from the chart"));
        HBox buttons = new HBox(6, run, cancel, clear);

        // The form scrolls; the error and the buttons stay in view below it.
        VBox form = new VBox(10, title, data, attacks, section("Parameters"), grid, compare);
        form.setPadding(new Insets(10));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        VBox actions = new VBox(6, error, buttons);
        actions.setPadding(new Insets(8, 10, 10, 10));
        actions.getStyleClass().add("form-actions");
        setCenter(scroll);
        setBottom(actions);
    }

    /** "Compare with": nothing, the bundled robust model or a model file, and a one-click robust comparison. */
    private static VBox comparison(CurvesViewModel vm, DataChoosers choosers) {
        ObjectProperty<ComparisonModel> other = vm.comparisonProperty();
        ToggleGroup group = new ToggleGroup();
        RadioButton none = new RadioButton("Nothing: the current model only");
        none.setId("compareNone");
        none.setToggleGroup(group);
        RadioButton robust = new RadioButton("The bundled robust model");
        robust.setId("compareRobust");
        robust.setToggleGroup(group);
        robust.setTooltip(new Tooltip("Run the same curves on the bundled PGD-trained CNN (L∞ ε 0.1) as well, and"
                + " draw both models' curves in one chart"));
        RadioButton file = new RadioButton("A model file");
        file.setId("compareFile");
        file.setToggleGroup(group);
        file.setTooltip(new Tooltip("Run the same curves on a second model file as well (same input as the data)"));
        Label fileName = new Label();
        fileName.getStyleClass().add("muted");
        fileName.setMinWidth(0);
        fileName.textProperty().bind(Bindings.createStringBinding(() -> other.get() == null
                || other.get().file() == null ? "none chosen" : other.get().label(), other));
        Button choose = new Button("Model…");
        choose.setId("compareFileButton");
        choose.setTooltip(new Tooltip("Choose the second model (DL4J zip, Keras .h5 or ONNX)"));
        choose.setOnAction(e -> choosers.chooseModel(p -> other.set(ComparisonModel.of(p))));
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox fileRow = new HBox(6, choose, fileName);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        fileRow.setPadding(new Insets(0, 0, 0, 24));
        Runnable show = () -> (other.get() == null ? none : other.get().file() == null ? robust : file)
                .setSelected(true);
        show.run();
        other.addListener((o, a, b) -> show.run());
        none.setOnAction(e -> other.set(null));
        robust.setOnAction(e -> other.set(ComparisonModel.bundledRobust()));
        file.setOnAction(e -> {
            if (other.get() == null || other.get().file() == null) {
                choosers.chooseModel(p -> other.set(ComparisonModel.of(p)));
                show.run();
            }
        });

        Button oneClick = new Button("Compare with robust model");
        oneClick.setId("compareRobustButton");
        oneClick.setMaxWidth(Double.MAX_VALUE);
        oneClick.disableProperty().bind(vm.canRunProperty().not());
        oneClick.setOnAction(e -> vm.compareWithRobust());
        oneClick.setTooltip(new Tooltip("Run these curves on the current model and on the bundled robust model,"
                + " overlaid in one chart with a legend naming each model"));
        return new VBox(4, section("Compare with"), none, robust, file, fileRow, oneClick);
    }

    private static Spinner<Integer> spinner(int min, int max, ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min,
                max, value.get() == null ? min : value.get());
        spinner.setValueFactory(f);
        f.valueProperty().bindBidirectional(value);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                try {
                    f.setValue(Integer.parseInt(spinner.getEditor().getText().strip()));
                } catch (NumberFormatException e) {
                    spinner.getEditor().setText(String.valueOf(f.getValue()));
                }
            }
        });
        return spinner;
    }

    private static TextField field(javafx.beans.property.StringProperty p, String tip, int columns, String id) {
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(p);
        t.setPrefColumnCount(columns);
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    private static Label label(String text) {
        Label l = fixed(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    /** A label that never shrinks into an ellipsis. */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
