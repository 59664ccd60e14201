package org.advlens.app.robustness;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.DataChoosers;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodScore;
import org.jfree.chart.fx.ChartViewer;

/**
 * The OOD tab: sets, scores and settings on the left; the ROC curves of the chosen score, the in/out histogram of
 * the chosen score and set, and the table of AUROC, AUPR and FPR95 on the right.
 */
final class OodView extends SplitPane {

    OodView(OodViewModel vm, DataSelection data, DataChoosers choosers, SaveTarget save) {
        OodSettings s = vm.settings();
        VBox sets = new VBox(4, FormControls.section("Out-of-distribution sets"));
        s.builtInSets().forEach((set, on) -> {
            CheckBox c = new CheckBox(set.id());
            c.setId("oodSet-" + set.id());
            c.selectedProperty().bindBidirectional(on);
            c.setTooltip(new Tooltip(set.description() + " (made from the data)"));
            sets.getChildren().add(c);
        });
        ListView<java.nio.file.Path> files = new ListView<>(s.files());
        files.setId("oodFiles");
        files.setPrefHeight(60);
        files.visibleProperty().bind(Bindings.isNotEmpty(s.files()));
        files.managedProperty().bind(files.visibleProperty());
        Button addFile = new Button("File…");
        addFile.setTooltip(new Tooltip("Add an IDX image file as an OOD set (converted to the model's input)"));
        addFile.setOnAction(e -> choosers.chooseData(false, p -> s.files().add(p)));
        Button addFolder = new Button("Folder…");
        addFolder.setTooltip(new Tooltip("Add a folder of images as an OOD set (converted to the model's input)"));
        addFolder.setOnAction(e -> choosers.chooseData(true, p -> s.files().add(p)));
        Button clearFiles = new Button("Remove files");
        clearFiles.setTooltip(new Tooltip("Remove the added files and folders"));
        clearFiles.setOnAction(e -> s.files().clear());
        clearFiles.disableProperty().bind(Bindings.isEmpty(s.files()));
        sets.getChildren().addAll(files, new HBox(6, addFile, addFolder, clearFiles));

        VBox scores = new VBox(4, FormControls.section("Scores"));
        s.scores().forEach((score, on) -> {
            CheckBox c = new CheckBox(score.id());
            c.setId("oodScore-" + score.id());
            c.selectedProperty().bindBidirectional(on);
            c.setTooltip(new Tooltip(tip(score)));
            scores.getChildren().add(c);
        });

        GridPane grid = FormControls.grid();
        int row = 0;
        EvaluationPanes.field(grid, row++, "oodEnergyT", "Energy T", s.energyTemperatureProperty(),
                "The energy score's temperature (Liu et al. 2020)");
        EvaluationPanes.field(grid, row++, "oodOdinT", "ODIN T", s.odinTemperatureProperty(),
                "ODIN's softmax temperature (Liang et al. 2018)");
        EvaluationPanes.field(grid, row++, "oodOdinEps", "ODIN ε", s.odinEpsilonProperty(),
                "ODIN's input perturbation in pixel units");
        EvaluationPanes.field(grid, row++, "oodBins", "Histogram bins", s.binsProperty(), "Bins of each score"
                + " histogram");
        EvaluationPanes.field(grid, row++, "oodLimit", "Limit (images)", s.limitProperty(),
                "Use only the first N images of the data set (the built-in sets are made from them)");
        EvaluationPanes.field(grid, row++, "oodBatch", "Batch", s.batchProperty(), "Images per forward pass");
        EvaluationPanes.field(grid, row++, "oodSeed", "Seed", s.seedProperty(), "Seed of the noise sets");
        var form = EvaluationPanes.form("ood", "OOD detection", data, choosers, s.errorProperty(),
                vm.canRunProperty(), vm.run(), vm::runOod, vm::cancel, sets, scores,
                FormControls.section("Parameters"), grid);

        var title = Bindings.createStringBinding(() -> vm.run().resultProperty().get() == null ? "OOD detection"
                : CertificationViewModel.title(vm.run().resultProperty().get()), vm.run().resultProperty());
        Label empty = new Label("Run to score the data and each OOD set; the data counts as negative, OOD as positive.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(vm.run().resultProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        ChoiceBox<OodScore> scoreChoice = new ChoiceBox<>();
        scoreChoice.setId("oodShownScore");
        scoreChoice.setTooltip(new Tooltip("The score whose ROC curves and histogram are drawn"));
        scoreChoice.valueProperty().bindBidirectional(vm.shownScoreProperty());
        ChoiceBox<String> setChoice = new ChoiceBox<>();
        setChoice.setId("oodShownSet");
        setChoice.setTooltip(new Tooltip("The OOD set whose histogram is overlaid on the data's"));
        setChoice.valueProperty().bindBidirectional(vm.shownSetProperty());
        Label summary = EvaluationPanes.value("oodSummary");
        HBox choices = new HBox(8, FormControls.fieldLabel("Score"), scoreChoice, FormControls.fieldLabel(
                "Histogram of"), setChoice, summary);
        choices.setAlignment(Pos.CENTER_LEFT);
        choices.visibleProperty().bind(vm.run().resultProperty().isNotNull());
        ChartViewer roc = new ChartViewer(null);
        roc.setId("oodRocChart");
        ChartViewer histogram = new ChartViewer(null);
        histogram.setId("oodHistogramChart");
        for (ChartViewer v : new ChartViewer[] {roc, histogram}) {
            v.setMinHeight(220);
            v.setPrefWidth(400);
            HBox.setHgrow(v, Priority.ALWAYS);
        }
        HBox charts = new HBox(8, roc, histogram);
        VBox.setVgrow(charts, Priority.ALWAYS);
        TableView<OodEvaluation.Entry> table = new TableView<>();
        table.setId("oodTable");
        table.setPrefHeight(170);
        table.getColumns().add(column("score", e -> e.score().id()));
        table.getColumns().add(column("OOD set", OodEvaluation.Entry::set));
        table.getColumns().add(column("AUROC", e -> fmt(e.metrics().auroc())));
        table.getColumns().add(column("AUPR in", e -> fmt(e.metrics().auprIn())));
        table.getColumns().add(column("AUPR out", e -> fmt(e.metrics().auprOut())));
        table.getColumns().add(column("FPR at 95% TPR", e -> fmt(e.metrics().fprAt95Tpr())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox result = new VBox(6, EvaluationPanes.header("ood", title, vm.run(), ext -> save.choose(
                "Export the OOD evaluation", "ood", ext, vm::export)), empty, choices, charts, table);
        result.setPadding(new Insets(8));

        Runnable redraw = () -> {
            // while the choices are refilled, the shown score or set is briefly unset: keep the charts until then
            var rocChart = vm.rocChart();
            var histogramChart = vm.histogramChart();
            if (rocChart != null && histogramChart != null) {
                roc.setChart(rocChart);
                histogram.setChart(histogramChart);
            }
        };
        vm.run().onResult(f -> {
            OodEvaluation.Result r = f.result().evaluation();
            OodScore score = vm.shownScoreProperty().get();
            String set = vm.shownSetProperty().get();
            scoreChoice.getItems().setAll(r.options().scores());
            setChoice.getItems().setAll(r.sets().keySet());
            vm.shownScoreProperty().set(score);
            vm.shownSetProperty().set(set);
            table.getItems().setAll(r.entries());
            summary.setText(String.format(Locale.ROOT, "%d images, accuracy %.3f", r.inCount(), r.inAccuracy()));
            redraw.run();
        });
        vm.shownScoreProperty().addListener((o, a, b) -> redraw.run());
        vm.shownSetProperty().addListener((o, a, b) -> redraw.run());
        getItems().addAll(form, result);
        setDividerPositions(0.28);
        SplitPane.setResizableWithParent(form, false);
    }

    private static TableColumn<OodEvaluation.Entry, String> column(String name,
                                                                   Function<OodEvaluation.Entry, String> value) {
        TableColumn<OodEvaluation.Entry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static String tip(OodScore score) {
        return switch (score) {
            case MSP -> "Maximum softmax probability (Hendrycks and Gimpel 2017)";
            case MAX_LOGIT -> "The largest logit (Hendrycks et al. 2022)";
            case ENERGY -> "Negative free energy of the logits (Liu et al. 2020)";
            case ODIN -> "Temperature-scaled softmax of a slightly perturbed input (Liang et al. 2018)";
            case MAHALANOBIS -> "Mahalanobis distance to the class means of a layer's features (Lee et al. 2018),"
                    + " fitted on Debian's Fashion-MNIST training set";
        };
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

}
