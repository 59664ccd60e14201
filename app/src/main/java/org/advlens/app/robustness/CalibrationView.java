package org.advlens.app.robustness;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.DataChoosers;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.calibration.CalibrationReport;
import org.jfree.chart.fx.ChartViewer;

/**
 * The calibration tab: settings on the left; the reliability diagram and the risk-coverage curve side by side on
 * the right, above the measures before and after temperature scaling.
 */
final class CalibrationView extends SplitPane {

    CalibrationView(CalibrationViewModel vm, DataSelection data, DataChoosers choosers, SaveTarget save) {
        CalibrationSettings s = vm.settings();
        GridPane grid = FormControls.grid();
        int row = 0;
        EvaluationPanes.field(grid, row++, "calBins", "Bins", s.binsProperty(),
                "Equal-width confidence bins of the reliability diagram and the ECE");
        EvaluationPanes.field(grid, row++, "calFraction", "Fit fraction", s.fractionProperty(),
                "Fraction of the images, drawn at random, that fits the temperature; the rest is measured. In (0, 1)");
        EvaluationPanes.field(grid, row++, "calRisk", "Target risk", s.riskProperty(),
                "Selective risk at which the coverage is reported, in [0, 1]");
        EvaluationPanes.field(grid, row++, "calBatch", "Batch", s.batchProperty(), "Images per forward pass");
        EvaluationPanes.field(grid, row++, "calLimit", "Limit (images)", s.limitProperty(),
                "Use only the first N images of the data set");
        EvaluationPanes.field(grid, row++, "calSeed", "Seed", s.seedProperty(), "Seed of the random split");
        var form = EvaluationPanes.form("cal", "Calibration", data, choosers, s.errorProperty(), vm.canRunProperty(),
                vm.run(), vm::runCalibration, vm::cancel, FormControls.section("Parameters"), grid);

        ChartViewer reliability = new ChartViewer(null);
        reliability.setId("calReliabilityChart");
        ChartViewer risk = new ChartViewer(null);
        risk.setId("calRiskChart");
        for (ChartViewer v : new ChartViewer[] {reliability, risk}) {
            v.setMinHeight(240);
            v.setPrefWidth(400);
            HBox.setHgrow(v, Priority.ALWAYS);
        }
        HBox charts = new HBox(8, reliability, risk);
        VBox.setVgrow(charts, Priority.ALWAYS);
        var title = Bindings.createStringBinding(() -> vm.run().resultProperty().get() == null ? "Calibration"
                : CertificationViewModel.title(vm.run().resultProperty().get()), vm.run().resultProperty());
        Label empty = new Label("Run to fit a temperature on part of the data and measure the rest before and after.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(vm.run().resultProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());

        GridPane table = new GridPane();
        table.setId("calMeasures");
        table.setVgap(4);
        table.setHgap(16);
        String[] names = {"", "accuracy", "ECE", "MCE", "NLL", "Brier", "AURC"};
        for (int c = 0; c < names.length; c++) {
            table.add(FormControls.fieldLabel(names[c]), c, 0);
        }
        Label[][] cells = new Label[2][names.length];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < names.length; c++) {
                cells[r][c] = EvaluationPanes.value("cal" + (r == 0 ? "Before" : "After") + "-" + names[c]);
                table.add(cells[r][c], c, r + 1);
            }
        }
        Label temperature = EvaluationPanes.value("calTemperature");
        VBox result = new VBox(6, EvaluationPanes.header("cal", title, vm.run(), ext -> save.choose(
                "Export the calibration", "calibration", ext, vm::export)), empty, charts, temperature, table);
        result.setPadding(new Insets(8));

        vm.run().onResult(f -> {
            reliability.setChart(vm.reliabilityChart());
            risk.setChart(vm.riskCoverageChart());
            CalibrationEvaluation.Result r = f.result();
            temperature.setText(String.format(Locale.ROOT, "Fitted temperature T = %.4f on %d images (NLL %.4f →"
                    + " %.4f); measured on %d images", r.fit().temperature(), r.fit().count(), r.fit().nllBefore(),
                    r.fit().nllAfter(), r.before().count()));
            fill(cells[0], "T = 1", r.before(), r.selectiveBefore().aurc());
            fill(cells[1], String.format(Locale.ROOT, "T = %.3f", r.after().temperature()), r.after(),
                    r.selectiveAfter().aurc());
        });
        getItems().addAll(form, result);
        setDividerPositions(0.28);
        SplitPane.setResizableWithParent(form, false);
    }

    private static void fill(Label[] row, String name, CalibrationReport c, double aurc) {
        row[0].setText(name);
        double[] v = {c.accuracy(), c.ece(), c.mce(), c.nll(), c.brier(), aurc};
        for (int k = 0; k < v.length; k++) {
            row[k + 1].setText(String.format(Locale.ROOT, "%.4f", v[k]));
        }
    }
}
