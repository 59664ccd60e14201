package org.advlens.app.robustness;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.DataChoosers;
import org.advlens.eval.Certification;
import org.jfree.chart.fx.ChartViewer;

/** The certification tab: smoothing parameters on the left, certified accuracy versus radius on the right. */
final class CertificationView extends SplitPane {

    CertificationView(CertificationViewModel vm, DataSelection data, DataChoosers choosers,
                      SaveTarget save) {
        CertificationSettings s = vm.settings();
        GridPane grid = FormControls.grid();
        int row = 0;
        EvaluationPanes.field(grid, row++, "certSigma", "Sigma (σ)", s.sigmaProperty(),
                "Standard deviation of the Gaussian noise in pixel units; larger certifies larger radii but costs"
                        + " clean accuracy");
        EvaluationPanes.field(grid, row++, "certN0", "n0", s.n0Property(),
                "Noisy samples that select the top class");
        EvaluationPanes.field(grid, row++, "certN", "n", s.nProperty(),
                "Noisy samples that bound the top class's probability (the paper uses 100,000; more gives larger"
                        + " radii and takes longer)");
        EvaluationPanes.field(grid, row++, "certAlpha", "Alpha", s.alphaProperty(),
                "Failure probability of each certificate, in (0, 1)");
        EvaluationPanes.field(grid, row++, "certBatch", "Batch", s.batchProperty(),
                "Noisy copies per forward pass; bounds memory, and cancelling waits at most one batch");
        EvaluationPanes.field(grid, row++, "certLimit", "Limit (images)", s.limitProperty(),
                "Certify only the first N images of the data set (each costs n0 + n forward passes)");
        EvaluationPanes.field(grid, row++, "certSeed", "Seed", s.seedProperty(), "Seed of the noise");
        var form = EvaluationPanes.form("cert", "Randomized smoothing", data, choosers, s.errorProperty(),
                vm.canRunProperty(), vm.run(), vm::runCertification, vm::cancel,
                FormControls.section("Parameters"), grid);

        ChartViewer viewer = new ChartViewer(null);
        viewer.setId("certChart");
        viewer.setMinHeight(240);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        var title = Bindings.createStringBinding(() -> vm.run().resultProperty().get() == null
                ? "Certified accuracy vs radius" : CertificationViewModel.title(vm.run().resultProperty().get()),
                vm.run().resultProperty());
        Label empty = new Label("Set the smoothing parameters, then Run. Each image costs n0 + n forward passes.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(vm.run().resultProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        Label abstain = EvaluationPanes.value("certAbstain");
        Label smoothed = EvaluationPanes.value("certSmoothedAccuracy");
        Label median = EvaluationPanes.value("certMedianRadius");
        GridPane values = FormControls.grid();
        values.addRow(0, FormControls.fieldLabel("Smoothed clean accuracy"), smoothed);
        values.addRow(1, FormControls.fieldLabel("Abstain rate"), abstain);
        values.addRow(2, FormControls.fieldLabel("Median certified radius (right and certified)"), median);
        VBox result = new VBox(6, EvaluationPanes.header("cert", title, vm.run(), ext -> save.choose(
                "Export the certification", "certification", ext, vm::export)), empty, viewer, values);
        result.setPadding(new Insets(8));

        vm.run().onResult(f -> {
            viewer.setChart(vm.chart());
            Certification.Result r = f.result();
            smoothed.setText(pct(r.certifiedAccuracy(0)));
            abstain.setText(pct(r.abstainRate()));
            double[] radii = r.entries().stream().filter(e -> e.certifiedAt(0))
                    .mapToDouble(e -> e.certificate().radius()).sorted().toArray();
            median.setText(radii.length == 0 ? "–" : String.format(Locale.ROOT, "%.3f", radii[radii.length / 2]));
        });
        getItems().addAll(form, result);
        setDividerPositions(0.28);
        SplitPane.setResizableWithParent(form, false);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
