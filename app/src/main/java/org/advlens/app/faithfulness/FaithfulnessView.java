package org.advlens.app.faithfulness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.MethodScores;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Faithfulness view: the methods and settings on the left; the table of every method (and model, when two
 * are compared) with each measure's mean ± standard deviation over the images, an arrow saying which direction
 * is better; below it the per-image distribution of the measure picked in the choice box.
 */
public final class FaithfulnessView extends BorderPane {

    private final FaithfulnessViewModel vm;
    private final TableView<Row> table = new TableView<>();
    private final TableColumn<Row, String> modelColumn = new TableColumn<>("Model");
    private final ChartViewer chart = new ChartViewer();
    private final Label summary = new Label();

    /** A row of the table: one method on one model. */
    record Row(String model, MethodScores scores) {
    }

    /** @param export asks where to write the result and writes it */
    public FaithfulnessView(FaithfulnessViewModel vm, Runnable export) {
        this.vm = vm;
        getStyleClass().add("faithfulness-view");
        setLeft(form(export));
        setCenter(results());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.chartMetricProperty().addListener((o, a, m) -> showChart());
    }

    private ScrollPane form(Runnable export) {
        GridPane g = FormControls.grid();
        int row = 0;
        g.add(FormControls.section("Saliency methods"), 0, row++, 2, 1);
        VBox boxes = new VBox(4);
        boxes.setId("faithfulnessMethods");
        vm.methods().addListener((javafx.collections.ListChangeListener<MethodChoice>) c -> methodBoxes(boxes));
        methodBoxes(boxes);
        g.add(boxes, 0, row++, 2, 1);
        g.addRow(row++, FormControls.fieldLabel("Images"), FormControls.intSpinner("faithfulnessImages", 1, 1000,
                vm.imagesProperty(), "How many images of the bundled Fashion-MNIST test subset to score on"));
        g.addRow(row++, FormControls.fieldLabel("Curve steps"), FormControls.intSpinner("faithfulnessSteps", 1, 784,
                vm.stepsProperty(), "Steps of the deletion, insertion and ROAD curves"));
        g.addRow(row++, FormControls.fieldLabel("Seed"), FormControls.intSpinner("faithfulnessSeed", 0,
                Integer.MAX_VALUE, vm.seedProperty(), "Seed of the random pixel orders, subsets and noise"));
        CheckBox robust = FormControls.tip("faithfulnessCompareRobust", new CheckBox("Compare with robust model"),
                "Score the same methods on the bundled adversarially trained CNN too, side by side");
        robust.selectedProperty().bindBidirectional(vm.compareWithRobustProperty());
        g.add(robust, 0, row++, 2, 1);
        Button run = new Button("Score methods");
        run.setId("runFaithfulnessButton");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelFaithfulnessButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        g.add(new HBox(8, run, cancel), 0, row++, 2, 1);
        Button exportButton = new Button("Export JSON/CSV…");
        exportButton.setId("exportFaithfulnessButton");
        exportButton.disableProperty().bind(vm.canExportProperty().not());
        exportButton.setOnAction(e -> export.run());
        g.add(exportButton, 0, row++, 2, 1);
        Label help = new Label("Scores each saliency method's maps of the predicted class: deletion and insertion "
                + "areas, ROAD, faithfulness correlation, max- and average-sensitivity, and the random-logit test. "
                + "The random-order row is the chance level of the curve areas. ↑ higher is better, ↓ lower.");
        help.setWrapText(true);
        help.setMaxWidth(260);
        g.add(help, 0, row, 2, 1);
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    private void methodBoxes(VBox boxes) {
        boxes.getChildren().clear();
        for (MethodChoice m : vm.methods()) {
            CheckBox box = new CheckBox(m.displayName());
            box.setId("faithfulnessMethod-" + m.name());
            box.selectedProperty().bindBidirectional(m.selectedProperty());
            boxes.getChildren().add(box);
        }
    }

    private VBox results() {
        table.setId("faithfulnessTable");
        table.setPlaceholder(new Label("Tick the methods and press Score methods"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setStyle("-fx-font-size: 11px;");
        table.setPrefHeight(250);
        modelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().model()));
        modelColumn.setVisible(false);
        modelColumn.setPrefWidth(125);
        TableColumn<Row, String> method = new TableColumn<>("Method");
        method.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().scores().method()));
        method.setPrefWidth(125);
        List<TableColumn<Row, ?>> columns = new ArrayList<>(List.of(modelColumn, method));
        for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
            TableColumn<Row, String> column = new TableColumn<>(metric.label() + "\n" + (metric.higherIsBetter()
                    ? "↑ higher" : "↓ lower"));
            column.setPrefWidth(120);
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(cell(c.getValue().scores(), metric)));
            column.setStyle("-fx-alignment: CENTER-RIGHT;");
            columns.add(column);
        }
        table.getColumns().setAll(columns);
        ChoiceBox<FaithfulnessMetric> metric = new ChoiceBox<>();
        metric.setId("faithfulnessChartMetric");
        metric.getItems().setAll(FaithfulnessMetric.values());
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(FaithfulnessMetric m) {
                return m == null ? "" : heading(m);
            }

            @Override
            public FaithfulnessMetric fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        metric.valueProperty().bindBidirectional(vm.chartMetricProperty());
        metric.setTooltip(new Tooltip("The measure whose per-image values the chart shows"));
        summary.setId("faithfulnessSummary");
        summary.setWrapText(true);
        Label running = new Label();
        running.setId("faithfulnessProgress");
        running.textProperty().bind(vm.messageProperty());
        running.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        chart.setId("faithfulnessChart");
        chart.setMinHeight(280);
        chart.setVisible(false);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox box = new VBox(8, new HBox(24, summary, running), table,
                new HBox(8, new Label("Per-image distribution of"), metric), chart);
        box.setPadding(new Insets(8));
        return box;
    }

    private void show(FaithfulnessComparison r) {
        table.getItems().clear();
        if (r == null) {
            summary.setText("");
            chart.setVisible(false);
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (ModelFaithfulness m : r.models()) {
            for (MethodScores s : m.result().rows()) {
                rows.add(new Row(m.label(), s));
            }
        }
        modelColumn.setVisible(r.comparing());
        table.getItems().setAll(rows);
        ModelFaithfulness first = r.models().get(0);
        summary.setText(String.format(Locale.ROOT, "%d images of %s, predicted class, %d curve steps, seed %d; "
                        + "mean ± standard deviation over the images%s.", first.result().images(), r.data().substring(r.data().lastIndexOf('/') + 1),
                first.result().options().steps(), first.result().options().seed(),
                r.comparing() ? ", " + r.models().size() + " models" : ""));
        showChart();
    }

    private void showChart() {
        FaithfulnessComparison r = vm.resultProperty().get();
        FaithfulnessMetric metric = vm.chartMetricProperty().get();
        if (r == null || metric == null) {
            return;
        }
        chart.setChart(FaithfulnessChart.create(r, metric));
        chart.setVisible(true);
    }

    static String heading(FaithfulnessMetric metric) {
        return metric.label() + (metric.higherIsBetter() ? " ↑" : " ↓");
    }

    static String cell(MethodScores scores, FaithfulnessMetric metric) {
        return scores.has(metric) ? String.format(Locale.ROOT, "%.3f ± %.3f", scores.mean(metric),
                scores.std(metric)) : "–";
    }
}
