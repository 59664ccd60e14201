package org.advlens.app.sanity;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.app.common.charts.SimilarityChartFactory;
import org.advlens.render.ColourMaps;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** A sanity check's result: the grid of maps for one image above, the similarity curves of one metric below. */
final class SanityResultView extends SplitPane {

    private static final double CELL = 84;

    private final SanityViewModel vm;
    private final GridPane grid = new GridPane();
    private final ChartViewer chart = new ChartViewer();
    private final Label summary = new Label();
    private final Label note = new Label();
    private final Spinner<Integer> image = new Spinner<>();

    SanityResultView(SanityViewModel vm, MenuButton export) {
        this.vm = vm;
        setOrientation(javafx.geometry.Orientation.VERTICAL);
        grid.setId("sanityGrid");
        grid.setHgap(4);
        grid.setVgap(4);

        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1, 1);
        image.setValueFactory(f);
        image.setPrefWidth(80);
        FormControls.tip("sanityGridImage", image, "Which image's maps the grid shows");
        f.valueProperty().addListener((o, a, v) -> vm.gridImageProperty().set(v == null ? 0 : v - 1));
        vm.gridImageProperty().addListener((o, a, v) -> f.setValue(v.intValue() + 1));
        ComboBox<SimilarityMetric> metric = new ComboBox<>();
        metric.getItems().setAll(SimilarityMetric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(SimilarityMetric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public SimilarityMetric fromString(String s) {
                return null;
            }
        });
        FormControls.tip("sanityMetric", metric, "How maps are compared with the original model's: rank correlation"
                + " of |values| or of signed values, structural similarity (SSIM), or HOG features");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label("Maps per randomisation step");
        title.getStyleClass().add("section-title");
        HBox bar = new HBox(8, title, spacer, FormControls.fieldLabel("Image"), image, FormControls.fieldLabel(
                "Metric"), metric, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        summary.setId("sanitySummary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        note.managedProperty().bind(note.visibleProperty());
        ScrollPane gridScroll = new ScrollPane(grid);
        VBox.setVgrow(gridScroll, Priority.ALWAYS);
        VBox top = new VBox(8, bar, gridScroll, summary, note);
        top.setPadding(new Insets(8));
        chart.setId("sanityChart");
        chart.setMinHeight(200);
        getItems().addAll(top, chart);
        setDividerPositions(0.55);

        vm.resultProperty().addListener((o, a, r) -> {
            f.setMax(r == null ? 1 : r.result().images());
            redraw();
        });
        vm.gridImageProperty().addListener((o, a, b) -> redrawGrid());
        vm.metricProperty().addListener((o, a, b) -> redrawChart());
        redraw();
    }

    private void redraw() {
        redrawGrid();
        redrawChart();
    }

    private void redrawGrid() {
        grid.getChildren().clear();
        SanityRun run = vm.resultProperty().get();
        if (run == null) {
            Label empty = new Label("Choose methods and press Run check (Ctrl+R). The grid shows each method's map"
                    + " on the original model, then on more and more randomised copies.");
            empty.setWrapText(true);
            empty.getStyleClass().add("muted");
            grid.add(empty, 0, 0);
            note.setVisible(false);
            return;
        }
        SanityCheckResult r = run.result();
        int i = Math.max(0, Math.min(vm.gridImageProperty().get(), r.images() - 1));
        grid.add(header("input"), 1, 0);
        for (int s = 0; s < r.steps().size(); s++) {
            grid.add(header(s == 0 ? "original" : r.steps().get(s)), s + 2, 0);
        }
        for (int m = 0; m < r.methods().size(); m++) {
            Label name = new Label(r.methods().get(m));
            name.getStyleClass().add("field-label");
            grid.add(name, 0, m + 1);
            grid.add(cell(new ImageView(ImageRenderer.render(run.images(), i, run.input().lower(),
                    run.input().upper())), "image " + (i + 1)), 1, m + 1);
            for (int s = 0; s < r.steps().size(); s++) {
                SaliencyMap map = r.map(m, s);
                float[] plane = map.plane(i);
                int[] argb = MapPictures.overlay(null, 0, 0, 1, plane, map.signed() ? ColourMaps.Scheme.DIVERGING
                        : ColourMaps.Scheme.SEQUENTIAL, MapPictures.limit(plane, ColourMaps.DEFAULT_PERCENTILE), 1);
                grid.add(cell(new ImageView(MapPictures.toFx(argb, map.height(), map.width())), String.format(
                        java.util.Locale.ROOT, "%s, %s: %s %.3f", r.methods().get(m), r.steps().get(s),
                        vm.metricProperty().get().label(), r.similarities(m, s, vm.metricProperty().get())[i])),
                        s + 2, m + 1);
            }
        }
        note.setText(run.note());
        note.setVisible(!run.note().isEmpty());
    }

    private void redrawChart() {
        SanityRun run = vm.resultProperty().get();
        if (run == null) {
            chart.setVisible(false);
            summary.setText("");
            return;
        }
        JFreeChart c = SimilarityChartFactory.create(run.result(), vm.metricProperty().get());
        chart.setChart(c);
        chart.setVisible(true);
        summary.setText(SanityViewModel.summary(run.result(), vm.metricProperty().get()));
        redrawGrid();
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.setMaxWidth(CELL);
        l.setMinHeight(32);
        l.setAlignment(Pos.BOTTOM_CENTER);
        return l;
    }

    private static ImageView cell(ImageView v, String tip) {
        v.setFitWidth(CELL);
        v.setFitHeight(CELL);
        v.setSmooth(false);
        Tooltip.install(v, new Tooltip(tip));
        return v;
    }
}
