package org.advlens.app.attack;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;

/** The attack's parameter form: every field bound to {@link AttackSettings}, with a tooltip each. */
final class AttackParamsView extends VBox {

    AttackParamsView(AttackViewModel vm, Runnable export) {
        AttackSettings s = vm.settings();
        MinimumNormSettings m = vm.minimumNorm();
        javafx.beans.binding.BooleanExpression minimum = m.enabledProperty();

        javafx.scene.control.ToggleGroup kindGroup = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.RadioButton fixedKind = new javafx.scene.control.RadioButton("Fixed budget ε");
        fixedKind.setId("fixedBudgetKind");
        fixedKind.setToggleGroup(kindGroup);
        fixedKind.setTooltip(new Tooltip("FGSM, PGD and the other attacks that search inside an ε-ball"));
        javafx.scene.control.RadioButton minimumKind = new javafx.scene.control.RadioButton("Minimum-norm");
        minimumKind.setId("minimumNormKind");
        minimumKind.setToggleGroup(kindGroup);
        minimumKind.setTooltip(new Tooltip("C&W, DeepFool, JSMA, L-BFGS, Boundary: find the smallest change that"
                + " flips the decision; no ε"));
        (m.enabledProperty().get() ? minimumKind : fixedKind).setSelected(true);
        minimumKind.selectedProperty().bindBidirectional(m.enabledProperty());
        m.enabledProperty().addListener((o, a, on) -> fixedKind.setSelected(!on));
        HBox kindRow = new HBox(12, fixedKind, minimumKind);
        MinimumNormParamsView minimumParams = new MinimumNormParamsView(m);
        minimumParams.visibleProperty().bind(minimum);
        minimumParams.managedProperty().bind(minimum);
        getStyleClass().add("params-view");
        setSpacing(10);
        setPadding(new Insets(10));

        ComboBox<FixedEpsilonAttack> attack = new ComboBox<>(s.attacks());
        attack.setId("attackChoice");
        attack.valueProperty().bindBidirectional(s.attackProperty());
        attack.setConverter(new StringConverter<>() {
            @Override
            public String toString(FixedEpsilonAttack a) {
                return a == null ? "" : a.displayName();
            }

            @Override
            public FixedEpsilonAttack fromString(String text) {
                return null;
            }
        });
        attack.setMaxWidth(Double.MAX_VALUE);
        attack.disableProperty().bind(minimum);
        attack.setTooltip(new Tooltip("The attack: FGSM takes one signed-gradient step; R+FGSM starts at random;"
                + " BIM and PGD take several projected steps (PGD from a random start)"));

        ComboBox<Norm> norm = new ComboBox<>();
        norm.getItems().setAll(Norm.values());
        norm.valueProperty().bindBidirectional(s.normProperty());
        norm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Norm n) {
                return n == null ? "" : n == Norm.LINF ? "L∞ (max per pixel)" : "L2 (Euclidean)";
            }

            @Override
            public Norm fromString(String text) {
                return null;
            }
        });
        norm.disableProperty().bind(minimum);
        norm.setTooltip(new Tooltip("The threat model: L∞ bounds every pixel's change by ε; L2 bounds the"
                + " Euclidean length of the whole change by ε"));

        Slider slider = new Slider(0, 0.5, 0.1);
        slider.setId("epsilonSlider");
        slider.maxProperty().bind(s.epsilonMaxProperty());
        slider.valueProperty().bindBidirectional(s.epsilonProperty());
        slider.setShowTickMarks(true);
        slider.setMajorTickUnit(0.1);
        slider.majorTickUnitProperty().bind(s.epsilonMaxProperty().divide(5));
        slider.setBlockIncrement(0.01);
        slider.setTooltip(new Tooltip("Perturbation budget ε. Releasing the slider runs the attack again."));
        slider.setOnMouseReleased(e -> vm.epsilonCommitted());
        slider.setOnKeyReleased(e -> {
            if (e.getCode().isArrowKey()) {
                vm.epsilonCommitted();
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        TextField epsText = new TextField();
        epsText.setId("epsilonField");
        epsText.textProperty().bindBidirectional(s.epsilonTextProperty());
        epsText.setPrefColumnCount(5);
        epsText.setTooltip(new Tooltip("ε as a number; Enter runs the attack"));
        epsText.setOnAction(e -> vm.runAttack());
        epsText.pseudoClassStateChanged(INVALID, false);
        s.epsilonErrorProperty().addListener((o, a, err) -> epsText.pseudoClassStateChanged(INVALID, !err.isEmpty()));
        HBox epsRow = new HBox(6, slider, epsText);
        epsRow.disableProperty().bind(minimum);
        epsRow.setAlignment(Pos.CENTER_LEFT);

        Spinner<Integer> steps = intSpinner(1, 10_000, s.stepsProperty());
        steps.setId("stepsSpinner");
        steps.disableProperty().bind(s.iterativeProperty().not().or(minimum));
        steps.setTooltip(new Tooltip("Number of gradient steps (iterative attacks only)"));
        TextField relStep = new TextField();
        relStep.setId("stepSizeField");
        relStep.textProperty().bindBidirectional(s.relativeStepSizeProperty());
        relStep.setPromptText("default");
        relStep.disableProperty().bind(s.iterativeProperty().not().or(minimum));
        relStep.setTooltip(new Tooltip("Step size as a multiple of ε; blank uses the attack's default"
                + " (2.5/steps for PGD, 1/steps for BIM)"));
        Spinner<Integer> restarts = intSpinner(1, 1000, s.restartsProperty());
        restarts.setId("restartsSpinner");
        restarts.disableProperty().bind(s.randomisedProperty().not().or(minimum));
        restarts.setTooltip(new Tooltip("Random restarts; the strongest result is kept (random-start attacks only)"));
        TextField seed = new TextField();
        seed.setId("seedField");
        seed.textProperty().bindBidirectional(s.seedProperty());
        seed.disableProperty().bind(s.randomisedProperty().not().and(minimum.not()));
        seed.setTooltip(new Tooltip("Seed of the random start; the same seed gives the same result"));

        CheckBox targeted = new CheckBox("Targeted");
        targeted.setId("targetedCheck");
        targeted.selectedProperty().bindBidirectional(s.targetedProperty());
        targeted.setTooltip(new Tooltip("Push the image towards a chosen class instead of away from its own"));
        ComboBox<String> target = new ComboBox<>(s.classNames());
        target.setId("targetChoice");
        target.disableProperty().bind(s.targetedProperty().not());
        target.setMaxWidth(Double.MAX_VALUE);
        target.setTooltip(new Tooltip("The class a targeted attack aims for"));
        target.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                s.targetClassProperty().set(i.intValue());
            }
        });
        s.targetClassProperty().addListener((o, a, i) -> target.getSelectionModel().select(i == null ? 0 : i));
        s.classNames().addListener((javafx.collections.ListChangeListener<String>) c ->
                target.getSelectionModel().select(s.targetClassProperty().get()));
        target.getSelectionModel().select(s.targetClassProperty().get());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        grid.getColumnConstraints().setAll(c0, c1);
        int row = 0;
        grid.addRow(row++, label("Attack"), attack);
        grid.addRow(row++, label("Norm"), norm);
        grid.add(label("Epsilon ε"), 0, row);
        grid.add(epsRow, 1, row++);
        grid.addRow(row++, label("Steps"), steps);
        grid.addRow(row++, label("Rel. step size"), relStep);
        grid.addRow(row++, label("Restarts"), restarts);
        grid.addRow(row++, label("Seed"), seed);
        grid.addRow(row++, targeted, target);
        // A minimum-norm attack has its own chooser and parameters: the fixed-budget ones give way to them, and
        // epsilon stays in view, disabled, to say that there is none.
        for (Node n : new Node[] {attack, norm, steps, relStep, restarts}) {
            for (Node cell : grid.getChildren()) {
                if (cell == n || GridPane.getRowIndex(cell) != null && GridPane.getRowIndex(n) != null
                        && GridPane.getRowIndex(cell).equals(GridPane.getRowIndex(n))) {
                    cell.visibleProperty().bind(minimum.not());
                    cell.managedProperty().bind(minimum.not());
                }
            }
        }

        javafx.beans.binding.StringBinding formError = Bindings.when(minimum).then(m.errorProperty())
                .otherwise(s.errorProperty());
        Label error = org.advlens.app.common.FormControls.errorLabel("attackParamsError", formError);

        Button run = new Button("Run attack");
        run.setId("runAttackButton");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runAttack());
        run.setTooltip(new Tooltip("Run the attack on the selected image (Ctrl+R or F5)"));
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelAttackButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop the running attack"));
        Button exportButton = new Button("Export…");
        exportButton.setId("exportAttackButton");
        exportButton.disableProperty().bind(vm.resultProperty().isNull());
        exportButton.setOnAction(e -> export.run());
        exportButton.setTooltip(new Tooltip("Save original, adversarial, perturbation and heatmap PNGs and"
                + " attack.json (parameters, predictions, norms, provenance) to a folder (Ctrl+E)"));
        HBox buttons = new HBox(8, run, cancel, exportButton);

        Label status = new Label();
        status.setId("attackStatus");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Label title = new Label("Attack");
        title.getStyleClass().add("view-title");
        getChildren().addAll(title, kindRow, grid, minimumParams, error, buttons, status);
    }

    private static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    private static Spinner<Integer> intSpinner(int min, int max, javafx.beans.property.ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get() == null ? min : value.get());
        spinner.setValueFactory(f);
        f.valueProperty().bindBidirectional(value);
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                commit(spinner);
            }
        });
        return spinner;
    }

    private static void commit(Spinner<Integer> spinner) {
        try {
            int v = Integer.parseInt(spinner.getEditor().getText().strip());
            spinner.getValueFactory().setValue(v);
        } catch (NumberFormatException e) {
            spinner.getEditor().setText(String.valueOf(spinner.getValue()));
        }
    }

    private static Node label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }
}
