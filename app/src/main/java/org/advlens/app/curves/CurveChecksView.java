package org.advlens.app.curves;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.Icons;
import org.advlens.attack.MinimizationAttack;
import org.advlens.eval.DiagnosticCheck;
import org.advlens.eval.DistanceHistogram;
import org.advlens.eval.MinimumNormResult;

/**
 * Beside the chart: "Diagnose" runs the evaluation-trustworthiness checks and lists each with a pass or warning
 * sign; "Minimum-norm" runs a minimisation attack over the data, adds its implied curve to the chart and shows
 * the distribution of the distances found.
 */
final class CurveChecksView extends VBox {

    CurveChecksView(CurvesViewModel vm) {
        getStyleClass().add("params-view");
        setSpacing(8);
        setPadding(new Insets(10));
        getChildren().addAll(diagnostics(vm.diagnostics()), minimumNorm(vm.minimumNorm()));
    }

    private static VBox diagnostics(DiagnosticsViewModel d) {
        Label title = new Label("Diagnose");
        title.getStyleClass().add("view-title");
        Button run = new Button("Diagnose");
        run.setId("diagnoseButton");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(d.canRunProperty().not());
        run.setOnAction(e -> d.diagnose());
        run.setTooltip(new Tooltip("Check whether this evaluation can be trusted (Carlini et al. 2019; Athalye et al."
                + " 2018): FGSM, PGD and Square at the form's ε, PGD on the whole input box, and a stronger PGD, on"
                + " the form's data, limit and norm"));
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(d.runningProperty().not());
        cancel.setOnAction(e -> d.cancel());
        Label summary = new Label();
        summary.setId("diagnoseSummary");
        summary.getStyleClass().add("muted");
        summary.setWrapText(true);
        summary.textProperty().bind(d.summaryProperty());
        summary.visibleProperty().bind(Bindings.isNotEmpty(d.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());

        ListView<DiagnosticCheck> checks = new ListView<>(d.checks());
        checks.setId("diagnoseChecks");
        checks.setPrefHeight(300);
        checks.setPlaceholder(new Label("Press Diagnose to check the evaluation"));
        checks.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(DiagnosticCheck c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                boolean pass = c.status() == DiagnosticCheck.Status.PASS;
                Label icon = pass ? passIcon() : Icons.warning();
                Label text = new Label(c.title() + "\n" + c.message());
                text.setWrapText(true);
                text.maxWidthProperty().bind(lv.widthProperty().subtract(50));
                HBox row = new HBox(6, icon, text);
                row.getStyleClass().add(pass ? "check-pass" : "check-warn");
                setText(null);
                setGraphic(row);
                setTooltip(new Tooltip(c.id() + ": " + c.message()));
                setPrefWidth(0);
            }
        });
        VBox.setVgrow(checks, Priority.ALWAYS);
        return new VBox(6, title, new HBox(6, run, cancel), summary, checks);
    }

    /** A check mark in green: the shared icons have no pass sign. */
    private static Label passIcon() {
        Label l = new Label("✔");
        l.getStyleClass().addAll("icon", "icon-pass");
        l.setStyle("-fx-text-fill: #2e7d32;");
        return l;
    }

    private static VBox minimumNorm(MinimumNormCurveViewModel m) {
        Label title = new Label("Minimum-norm");
        title.getStyleClass().add("view-title");
        ComboBox<MinimizationAttack> attack = new ComboBox<>(m.attacks());
        attack.setId("minimumNormCurveAttack");
        attack.valueProperty().bindBidirectional(m.attackProperty());
        attack.setConverter(new StringConverter<>() {
            @Override
            public String toString(MinimizationAttack a) {
                return a == null ? "" : a.displayName();
            }

            @Override
            public MinimizationAttack fromString(String text) {
                return null;
            }
        });
        attack.setMaxWidth(Double.MAX_VALUE);
        attack.setTooltip(new Tooltip("One run finds each image's smallest adversarial perturbation; the accuracy"
                + " it implies at every ε is added to the chart. DeepFool follows the form's norm."));
        Button run = new Button("Run");
        run.setId("runMinimumNormCurve");
        run.disableProperty().bind(m.canRunProperty().not());
        run.setOnAction(e -> m.run());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(m.runningProperty().not());
        cancel.setOnAction(e -> m.cancel());
        attack.setMinWidth(0);
        Label summary = new Label();
        summary.setId("minimumNormSummary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        summary.textProperty().bind(m.summaryProperty());

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("images");
        BarChart<String, Number> histogram = new BarChart<>(x, y);
        histogram.setId("minimumNormHistogram");
        histogram.setLegendVisible(false);
        histogram.setAnimated(false);
        histogram.setBarGap(0);
        histogram.setCategoryGap(1);
        histogram.setPrefHeight(170);
        histogram.setMinHeight(140);
        histogram.visibleProperty().bind(m.resultProperty().isNotNull());
        histogram.managedProperty().bind(histogram.visibleProperty());
        m.resultProperty().addListener((o, a, r) -> show(histogram, r));
        return new VBox(6, title, attack, new HBox(6, run, cancel), summary, histogram);
    }

    private static void show(BarChart<String, Number> chart, MinimumNormResult r) {
        chart.getData().clear();
        if (r == null) {
            return;
        }
        DistanceHistogram h = r.histogram();
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (int k = 0; k < h.counts().length; k++) {
            s.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%.2g", h.edges()[k + 1]), h.counts()[k]));
        }
        chart.getData().add(s);
        chart.getXAxis().setLabel(MinimumNormCurveViewModel.measureName(r.measure()) + " distance (bin upper edge)");
    }
}
