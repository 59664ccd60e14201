package org.advlens.app.train;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ErrorBanner;
import org.advlens.app.common.charts.ChartThemes;
import org.advlens.app.common.charts.TrainingChartFactory;
import org.advlens.train.EpochMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The live training chart: after each epoch, its held-out clean and robust accuracy and its mean training loss
 * (JFreeChart in a {@link ChartViewer}), with the run's settings above and its progress below.
 */
final class TrainingChartView extends VBox {

    private final JFreeChart chart;
    private final TrainingChartFactory.Series series;

    TrainingChartView(TrainingViewModel vm, ObservableBooleanValue dark) {
        getStyleClass().add("chart-view");
        setSpacing(6);
        setPadding(new Insets(8));
        chart = TrainingChartFactory.create(null);
        series = TrainingChartFactory.series(chart);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("trainingChart");
        viewer.setMinHeight(240);
        VBox.setVgrow(viewer, Priority.ALWAYS);

        Label title = new Label();
        title.setId("trainingTitle");
        title.getStyleClass().add("view-title");
        title.setMinWidth(0);
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.runTitleProperty().get().isEmpty()
                ? "Loss and accuracy per epoch" : vm.runTitleProperty().get(), vm.runTitleProperty()));

        ErrorBanner error = new ErrorBanner(vm.errorProperty(), vm::dismissError);
        error.setId("trainingError");
        error.textLabel().setId("trainingErrorText");

        Label empty = new Label("Choose a method and its parameters, then Train (Ctrl+R). A point appears after"
                + " each epoch; the model opens when training ends. Progress and Cancel are also in the jobs panel.");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        empty.visibleProperty().bind(Bindings.isEmpty(vm.epochs()).and(vm.runningProperty().not()));
        empty.managedProperty().bind(empty.visibleProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("trainingProgress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label message = new Label();
        message.setId("trainingMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinWidth(260);
        message.setMaxWidth(520);
        HBox progressRow = new HBox(8, progress, message);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(vm.runningProperty().or(Bindings.isNotEmpty(vm.messageProperty())));
        progressRow.managedProperty().bind(progressRow.visibleProperty());

        getChildren().addAll(title, error, empty, viewer, progressRow);

        vm.epochs().forEach(this::add);
        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    clear();
                    vm.epochs().forEach(this::add);
                    return;
                }
                c.getAddedSubList().forEach(this::add);
            }
        });
        // the epoch axis spans the whole run from its start, so the chart shows how far training has come
        vm.plannedEpochsProperty().addListener((o, a, n) -> spanEpochs(n.intValue()));
        dark.addListener((o, a, d) -> ChartThemes.apply(chart, d));
        ChartThemes.apply(chart, dark.get());
    }

    private void add(EpochMetrics m) {
        series.clean().addOrUpdate(m.epoch(), m.cleanAccuracy());
        if (!Double.isNaN(m.robustAccuracy())) {
            series.robust().addOrUpdate(m.epoch(), m.robustAccuracy());
        }
        series.loss().addOrUpdate(m.epoch(), m.meanLoss());
    }

    private void spanEpochs(int epochs) {
        if (epochs > 0) {
            chart.getXYPlot().getDomainAxis().setRange(0.75, epochs + 0.25);
        }
    }

    private void clear() {
        series.clean().clear();
        series.robust().clear();
        series.loss().clear();
    }
}
