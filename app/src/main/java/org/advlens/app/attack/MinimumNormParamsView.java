package org.advlens.app.attack;

import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.Norm;

/**
 * The "Minimum-norm" section of the attack form, bound to {@link MinimumNormSettings}: the attack and the fields of
 * its own options only (the rows of options it does not take are hidden). Shown only while the minimum-norm kind
 * is chosen.
 */
final class MinimumNormParamsView extends VBox {

    MinimumNormParamsView(MinimumNormSettings s) {
        setSpacing(6);
        setId("minimumNormParams");

        ComboBox<MinimizationAttack> attack = new ComboBox<>(s.attacks());
        attack.setId("minimumNormAttackChoice");
        attack.valueProperty().bindBidirectional(s.attackProperty());
        attack.setConverter(new StringConverter<>() {
            @Override
            public String toString(MinimizationAttack a) {
                return a == null ? "" : a.name().equals("jsma") ? "JSMA (Papernot et al. 2016)" : a.displayName();
            }

            @Override
            public MinimizationAttack fromString(String text) {
                return null;
            }
        });
        attack.setMaxWidth(Double.MAX_VALUE);
        attack.setTooltip(new Tooltip("Attacks that search for the smallest change that flips the decision: C&W"
                + " and L-BFGS optimise an L2 penalty, DeepFool steps to the nearest linearised boundary, JSMA changes"
                + " as few pixels as it can, Boundary walks along the decision boundary using predictions only"));

        ComboBox<Norm> norm = new ComboBox<>();
        norm.setId("minimumNormNorm");
        norm.getItems().setAll(Norm.values());
        norm.valueProperty().bindBidirectional(s.normProperty());
        norm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Norm n) {
                return n == null ? "" : n == Norm.LINF ? "L∞" : "L2";
            }

            @Override
            public Norm fromString(String text) {
                return null;
            }
        });
        norm.disableProperty().bind(s.usesNormProperty().not());
        norm.setTooltip(new Tooltip("DeepFool's norm; the other attacks have their own"));

        Spinner<Integer> steps = spinner(1, 100_000, s.stepsProperty(), "minimumNormSteps", s.usesStepsProperty(),
                "C&W: Adam steps per constant; DeepFool, L-BFGS: iterations; Boundary: steps");
        Spinner<Integer> search = spinner(1, 100, s.searchStepsProperty(), "minimumNormSearchSteps",
                s.usesSearchStepsProperty(), "Binary-search steps over the constant c (C&W, L-BFGS)");
        TextField lr = field(s.learningRateProperty(), "minimumNormLearningRate", s.usesLearningRateProperty(),
                "C&W's Adam learning rate (in tanh space)");
        TextField kappa = field(s.confidenceProperty(), "minimumNormConfidence", s.usesConfidenceProperty(),
                "C&W's confidence κ: the adversarial class must win on the logits by this margin");
        TextField overshoot = field(s.overshootProperty(), "minimumNormOvershoot", s.usesOvershootProperty(),
                "DeepFool's overshoot: the step is multiplied by 1 + overshoot to cross the boundary");
        TextField gamma = field(s.gammaProperty(), "minimumNormGamma", s.usesGammaProperty(),
                "JSMA's gamma: the largest fraction of input values it may change, in (0, 1]");
        TextField constant = field(s.initialConstantProperty(), "minimumNormInitialConstant",
                s.usesInitialConstantProperty(), "The first constant c of the search (C&W, L-BFGS)");
        Spinner<Integer> candidates = spinner(2, 1000, s.candidatesProperty(), "minimumNormCandidates",
                s.usesCandidatesProperty(), "DeepFool: how many of the top classes (the label included) are "
                        + "candidate boundaries");
        CheckBox increase = new CheckBox("Increase values");
        increase.setId("minimumNormIncrease");
        increase.selectedProperty().bindBidirectional(s.increaseProperty());
        increase.disableProperty().bind(s.usesGammaProperty().not());
        increase.setTooltip(new Tooltip("JSMA raises the chosen pixel values (on) or lowers them (off)"));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        grid.getColumnConstraints().setAll(c0, c1);
        Node attackLabel = label("Attack");
        List<Row> rows = List.of(
                new Row(label("Norm"), norm, s.usesNormProperty()),
                new Row(label("Steps"), steps, s.usesStepsProperty()),
                new Row(label("Search steps"), search, s.usesSearchStepsProperty()),
                new Row(label("Learning rate"), lr, s.usesLearningRateProperty()),
                new Row(label("Initial constant c"), constant, s.usesInitialConstantProperty()),
                new Row(label("Confidence κ"), kappa, s.usesConfidenceProperty()),
                new Row(label("Overshoot"), overshoot, s.usesOvershootProperty()),
                new Row(label("Candidates"), candidates, s.usesCandidatesProperty()),
                new Row(label("Gamma γ"), gamma, s.usesGammaProperty()),
                new Row(label("Direction"), increase, s.usesGammaProperty()));
        Runnable layout = () -> {
            grid.getChildren().clear();
            grid.addRow(0, attackLabel, attack);
            int row = 1;
            for (Row r : rows) {
                if (r.used().get()) {
                    grid.addRow(row++, r.label(), r.control());
                }
            }
        };
        rows.forEach(r -> r.used().addListener((o, before, now) -> layout.run()));
        layout.run();

        Label title = new Label("Minimum-norm (no ε)");
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, grid);
    }

    /** One field of the form, in the grid only while the chosen attack takes its option. */
    private record Row(Node label, Node control, BooleanBinding used) {
    }

    private static Spinner<Integer> spinner(int min, int max, ObjectProperty<Integer> value, String id,
                                            BooleanBinding used, String tip) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get() == null ? min : value.get());
        spinner.setValueFactory(f);
        f.valueProperty().bindBidirectional(value);
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
        spinner.setId(id);
        spinner.disableProperty().bind(used.not());
        spinner.setTooltip(new Tooltip(tip));
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

    private static TextField field(StringProperty p, String id, BooleanBinding used, String tip) {
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(p);
        t.setPrefColumnCount(6);
        t.disableProperty().bind(used.not());
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    private static Node label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }
}
