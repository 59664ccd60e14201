package org.advlens.app.curves;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ErrorBanner;
import org.advlens.app.common.Icons;
import org.advlens.app.common.charts.ChartThemes;
import org.advlens.app.common.charts.CurveChartFactory;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.MaskingFlag;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The live accuracy-versus-epsilon chart (JFreeChart in a {@link ChartViewer}): one series per curve, a point
 * added as each arrives, with the run's progress, export menu and gradient-masking warnings below.
 */
final class CurveChartView extends VBox {

    private final XYSeriesCollection dataset;
    private final JFreeChart chart;
    private final Map<LiveCurve, XYSeries> series = new HashMap<>();

    /**
     * @param export asks the main window for a file of the given extension ("png", "svg", "csv", "json")
     */
    CurveChartView(CurvesViewModel vm, java.util.function.Consumer<String> export, ObservableBooleanValue dark) {
        getStyleClass().add("chart-view");
        setSpacing(6);
        setPadding(new Insets(8));
        chart = CurveChartFactory.create("Accuracy vs ε", List.of());
        dataset = (XYSeriesCollection) chart.getXYPlot().getDataset();
        chart.setTitle((String) null);
        // A little room below 0 and above 1, so points at accuracy 0 are not hidden by the axis.
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(-0.02, 1.02);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("curveChart");
        viewer.setMinHeight(240);
        VBox.setVgrow(viewer, Priority.ALWAYS);

        Label title = new Label();
        title.setId("curveTitle");
        title.getStyleClass().add("view-title");
        title.textProperty().bind(vm.titleProperty());
        MenuButton exportMenu = new MenuButton("Export");
        exportMenu.setId("curveExport");
        exportMenu.setTooltip(new Tooltip("Save the finished curves as a chart (PNG, SVG) or as data (CSV, JSON)"));
        for (String[] item : new String[][] {{"Chart as PNG…", "png"}, {"Chart as SVG…", "svg"},
                {"Data as CSV…", "csv"}, {"Data as JSON (curve.json)…", "json"}}) {
            MenuItem m = new MenuItem(item[0]);
            m.setOnAction(e -> export.accept(item[1]));
            exportMenu.getItems().add(m);
        }
        exportMenu.disableProperty().bind(vm.canExportProperty().not());
        // A long title gives way (with an ellipsis) before the export menu does.
        exportMenu.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(0);
        // a comparison's title names both models; it wraps rather than losing the second
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, exportMenu);
        header.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar();
        progress.setId("curveProgress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label message = new Label();
        message.setId("curveMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(220);
        HBox progressRow = new HBox(8, progress, message);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(vm.runningProperty().or(Bindings.isNotEmpty(vm.messageProperty())));
        progressRow.managedProperty().bind(progressRow.visibleProperty());

        ErrorBanner error = new ErrorBanner(vm.errorProperty(), vm::dismissError);
        error.setId("curveError");

        ListView<MaskingFlag> warnings = new ListView<>(vm.warnings());
        warnings.setId("curveWarnings");
        warnings.setPrefHeight(90);
        warnings.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(MaskingFlag f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                } else {
                    setGraphic(Icons.warning());
                    setText((f.attack().isEmpty() ? "" : f.attack().toUpperCase(java.util.Locale.ROOT) + ": ")
                            + f.message());
                    setTooltip(new Tooltip(f.kind() + ": " + f.message()));
                    setWrapText(true);
                    setPrefWidth(0);
                }
            }
        });
        Label warningsTitle = new Label("Warnings: this evaluation may overstate robustness");
        warningsTitle.setGraphic(Icons.warning());
        warningsTitle.getStyleClass().add("warning-title");
        VBox warningBox = new VBox(4, warningsTitle, warnings);
        warningBox.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warningBox.managedProperty().bind(warningBox.visibleProperty());

        Label empty = new Label("Choose attacks and epsilons, then Run curves (Ctrl+R). Points appear as they finish.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.curves()));
        empty.managedProperty().bind(empty.visibleProperty());

        getChildren().addAll(header, error, empty, viewer, progressRow, warningBox);

        vm.curves().forEach(this::addCurve);
        vm.curves().addListener((ListChangeListener<LiveCurve>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::removeCurve);
                c.getAddedSubList().forEach(this::addCurve);
            }
        });
        dark.addListener((o, a, d) -> applyTheme(d));
        applyTheme(dark.get());
    }

    private void addCurve(LiveCurve curve) {
        XYSeries s = new XYSeries(curve.key(), true, false);
        series.put(curve, s);
        dataset.addSeries(s);
        curve.points().forEach(p -> add(s, p));
        curve.points().addListener((ListChangeListener<CurvePoint>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(p -> add(s, p));
            }
        });
        curve.stateProperty().addListener((o, a, state) -> {
            if (state == LiveCurve.State.CANCELLED || state == LiveCurve.State.FAILED) {
                s.setKey(curve.key() + " (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        });
    }

    private static void add(XYSeries s, CurvePoint p) {
        s.addOrUpdate(p.epsilon(), p.accuracy());
    }

    private void removeCurve(LiveCurve curve) {
        XYSeries s = series.remove(curve);
        if (s != null) {
            dataset.removeSeries(s);
        }
    }

    private void applyTheme(boolean dark) {
        ChartThemes.apply(chart, dark);
    }
}
