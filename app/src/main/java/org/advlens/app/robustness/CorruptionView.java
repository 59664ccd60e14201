package org.advlens.app.robustness;

import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.DataChoosers;
import org.advlens.corruption.Corruption;
import org.advlens.eval.CorruptionEvaluation;

/**
 * The corruptions tab: corruptions, severities and data on the left; the error heatmap (corruption × severity,
 * as a coloured grid) with mCE, and the gallery of one image under every corruption, on the right.
 */
final class CorruptionView extends SplitPane {

    CorruptionView(CorruptionViewModel vm, DataSelection data, DataChoosers choosers, SaveTarget save) {
        CorruptionSettings s = vm.settings();
        ToggleGroup group = new ToggleGroup();
        RadioButton all = new RadioButton("All " + Corruption.values().length + " corruptions");
        all.setId("corrAll");
        all.setToggleGroup(group);
        all.setTooltip(new Tooltip("The 15 of ImageNet-C and the 4 extra ones"));
        RadioButton some = new RadioButton("Chosen:");
        some.setId("corrChosen");
        some.setToggleGroup(group);
        some.setTooltip(new Tooltip("Only the corruptions ticked below"));
        all.setSelected(s.allProperty().get());
        some.setSelected(!s.allProperty().get());
        all.selectedProperty().addListener((o, a, on) -> s.allProperty().set(on));
        s.allProperty().addListener((o, a, on) -> (on ? all : some).setSelected(true));
        TilePane boxes = new TilePane(6, 4);
        boxes.setPrefColumns(2);
        boxes.setTileAlignment(Pos.CENTER_LEFT);
        for (Map.Entry<Corruption, javafx.beans.property.BooleanProperty> e : s.chosenCorruptions().entrySet()) {
            CheckBox c = new CheckBox(e.getKey().id().replace('_', ' '));
            c.setId("corr-" + e.getKey().id());
            c.selectedProperty().bindBidirectional(e.getValue());
            c.setTooltip(new Tooltip(e.getKey().category().name().toLowerCase(Locale.ROOT)
                    + (e.getKey().benchmark() ? ", one of ImageNet-C's 15" : ", an extra corruption (not in mCE)")));
            boxes.getChildren().add(c);
        }
        boxes.disableProperty().bind(s.allProperty());
        VBox corruptions = new VBox(4, FormControls.section("Corruptions"), all, some, boxes);

        GridPane grid = FormControls.grid();
        int row = 0;
        EvaluationPanes.field(grid, row++, "corrSeverities", "Severities", s.severitiesProperty(),
                "Severities 1 to 5 as a range or list, such as 1-5 or 1,3,5");
        EvaluationPanes.field(grid, row++, "corrLimit", "Limit (images)", s.limitProperty(),
                "Use only the first N images of the data set");
        EvaluationPanes.field(grid, row++, "corrBatch", "Batch", s.batchProperty(),
                "Images corrupted and classified together");
        EvaluationPanes.field(grid, row++, "corrSeed", "Seed", s.seedProperty(),
                "Seed of the corruptions' random draws");
        var form = EvaluationPanes.form("corr", "Common corruptions", data, choosers, s.errorProperty(),
                vm.canRunProperty(), vm.run(), vm::runCorruptions, vm::cancel, corruptions,
                FormControls.section("Parameters"), grid);

        var title = Bindings.createStringBinding(() -> vm.run().resultProperty().get() == null ? "Common corruptions"
                : CertificationViewModel.title(vm.run().resultProperty().get()), vm.run().resultProperty());
        Label empty = new Label("Run to measure the error under each corruption and severity. The gallery shows the"
                + " image selected on the Attack page, or the data's first image.");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.run().resultProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        Label summary = EvaluationPanes.value("corrSummary");
        summary.setWrapText(true);
        summary.setMinWidth(0);
        GridPane heatmap = new GridPane();
        heatmap.setId("corrHeatmap");
        heatmap.setHgap(2);
        heatmap.setVgap(2);
        ScrollPane heatmapScroll = new ScrollPane(heatmap);
        heatmapScroll.setPrefWidth(560);
        heatmapScroll.setMinWidth(300);
        ImageView gallery = new ImageView();
        gallery.setId("corrGallery");
        Label galleryCaption = EvaluationPanes.value("corrGalleryCaption");
        ScrollPane galleryScroll = new ScrollPane(new VBox(4, galleryCaption, gallery));
        HBox.setHgrow(galleryScroll, Priority.ALWAYS);
        HBox body = new HBox(8, heatmapScroll, galleryScroll);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox result = new VBox(6, EvaluationPanes.header("corr", title, vm.run(), ext -> save.choose(
                "Export the corruption evaluation", "corruptions", ext, vm::export)), empty, summary, body);
        result.setPadding(new Insets(8));

        vm.run().onResult(f -> {
            CorruptionEvaluation.Result r = f.result().evaluation();
            summary.setText(String.format(Locale.ROOT, "mCE %s (ImageNet-C corruptions run; CE relative to the"
                    + " model's clean error)   clean error %.3f   mean corrupted error %.3f", fmt(
                    r.meanCorruptionError()), r.cleanError(), r.meanError()));
            fillHeatmap(heatmap, r);
            gallery.setImage(SwingFXUtils.toFXImage(f.result().gallery(), null));
            galleryCaption.setText("Gallery: " + f.result().galleryImage() + " under each corruption (columns: clean,"
                    + " then each severity); * marks a changed prediction");
        });
        getItems().addAll(form, result);
        setDividerPositions(0.28);
        SplitPane.setResizableWithParent(form, false);
    }

    /** One row per corruption, one coloured cell per severity (white for no error, red for all wrong), mean, CE. */
    private static void fillHeatmap(GridPane grid, CorruptionEvaluation.Result r) {
        grid.getChildren().clear();
        int[] sev = r.options().severities();
        grid.add(FormControls.fieldLabel("corruption"), 0, 0);
        for (int k = 0; k < sev.length; k++) {
            grid.add(header("sev " + sev[k]), k + 1, 0);
        }
        grid.add(header("mean"), sev.length + 1, 0);
        grid.add(header("CE"), sev.length + 2, 0);
        int row = 1;
        for (CorruptionEvaluation.Row rw : r.rows()) {
            grid.add(new Label(rw.corruption().id()), 0, row);
            double[] errors = rw.errors();
            for (int k = 0; k < errors.length; k++) {
                grid.add(cell(errors[k], "corrCell-" + rw.corruption().id() + "-" + sev[k]), k + 1, row);
            }
            grid.add(cell(rw.meanError(), null), sev.length + 1, row);
            grid.add(header(fmt(rw.corruptionError())), sev.length + 2, row);
            row++;
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setMinWidth(52);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private static Label cell(double error, String id) {
        Label l = header(String.format(Locale.ROOT, "%.3f", error));
        if (id != null) {
            l.setId(id);
        }
        int g = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, error))));
        l.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgb(255,%d,%d); -fx-text-fill: %s;"
                + " -fx-padding: 2 4 2 4;", g, g, error > 0.6 ? "white" : "black"));
        l.setTooltip(new Tooltip(String.format(Locale.ROOT, "top-1 error %.4f", error)));
        return l;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }
}
