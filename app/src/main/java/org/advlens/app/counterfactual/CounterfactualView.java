package org.advlens.app.counterfactual;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.Formats;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.app.common.ProbabilityBars;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.counterfactual.Plausibility;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.render.ColourMaps;

/**
 * The counterfactual view: the form on the left; on the right the original, the counterfactual, their
 * difference and (after "Compare with adversarial") the targeted PGD image side by side, then a slider that
 * scrubs along the search's path with the class probabilities at that point, and the plausibility measures.
 */
public final class CounterfactualView extends SplitPane {

    private static final double SIZE = 180;

    private final CounterfactualViewModel vm;
    private final ImageView original = imageView();
    private final ImageView counterfactual = imageView();
    private final ImageView difference = imageView();
    private final ImageView adversarial = imageView();
    private final ImageView pathImage = imageView();
    private final Label originalCaption = caption("counterfactualOriginalCaption");
    private final Label counterfactualCaption = caption("counterfactualCaption");
    private final Label differenceCaption = caption("counterfactualDifferenceCaption");
    private final CheckBox fromStart = new CheckBox("vs. reconstruction");
    private final Label adversarialCaption = caption("adversarialCaption");
    private final Label verdict = new Label();
    private final Label pathLabel = new Label();
    private final Slider path = new Slider(0, 1, 0);
    private final ComboBox<String> method = new ComboBox<>();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final GridPane measures = FormControls.grid();
    private final VBox adversarialPanel;

    /**
     * @param export asks the main window for a folder and exports to it
     * @param generators asks the main window for the files to load or train a generator
     */
    public CounterfactualView(CounterfactualViewModel vm, Runnable export, GeneratorChoosers generators) {
        this.vm = vm;
        getStyleClass().add("counterfactual-view");
        setId("counterfactualView");
        ScrollPane form = new ScrollPane(new CounterfactualFormView(vm, export, generators));
        form.setFitToWidth(true);
        form.setMinWidth(250);
        form.setPrefWidth(330);

        adversarialPanel = panel("Adversarial (PGD)", adversarial, adversarialCaption, "Targeted PGD to the same"
                + " class: the smallest L∞ change that reaches it, for comparison");
        VBox differencePanel = panel("Difference", difference, differenceCaption, "counterfactual − original (or"
                + " − the original's reconstruction): red brighter, blue darker, full colour at the largest change");
        fromStart.setId("counterfactualDifferenceFromStart");
        fromStart.setTooltip(new Tooltip("On-manifold only: subtract the original's reconstruction, where the search"
                + " started, instead of the original, so the map shows the change the search made without what the"
                + " autoencoder cannot draw (print, texture)"));
        fromStart.selectedProperty().bindBidirectional(vm.differenceFromStartProperty());
        fromStart.selectedProperty().addListener((o, a, v) -> show());
        differencePanel.getChildren().add(fromStart);
        HBox images = new HBox(12, panel("Original", original, originalCaption, "The image as the model sees it"),
                panel("Counterfactual", counterfactual, counterfactualCaption, "The changed image the model gives the"
                        + " target class"),
                differencePanel, adversarialPanel);
        verdict.setId("counterfactualVerdict");
        verdict.getStyleClass().add("verdict");

        method.setId("counterfactualShown");
        method.setTooltip(new Tooltip("Which search's path to show when both ran"));
        method.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                vm.shownProperty().set(i.intValue());
            }
        });
        method.managedProperty().bind(method.visibleProperty());
        path.setId("counterfactualPath");
        path.setMajorTickUnit(1);
        path.setMinorTickCount(0);
        path.setSnapToTicks(true);
        path.setShowTickMarks(true);
        path.setTooltip(new Tooltip("Scrub along the search's path from the original (left) to the counterfactual"));
        path.valueProperty().addListener((o, a, v) -> vm.pathIndexProperty().set((int) Math.round(v.doubleValue())));
        vm.pathIndexProperty().addListener((o, a, v) -> {
            if (v.intValue() > path.getMax()) {
                path.setMax(v.intValue());
            }
            path.setValue(v.intValue());
            showPathPoint();
        });
        HBox.setHgrow(path, Priority.ALWAYS);
        pathLabel.setId("counterfactualPathLabel");
        pathLabel.setMinWidth(150);
        HBox pathRow = new HBox(8, FormControls.fieldLabel("Path"), method, path, pathLabel);
        pathRow.setAlignment(Pos.CENTER_LEFT);
        bars.setId("counterfactualProbabilities");
        VBox barsBox = new VBox(4, FormControls.section("Probabilities at this point — top 5"), bars);
        HBox.setHgrow(barsBox, Priority.ALWAYS);
        barsBox.setMaxWidth(420);
        measures.setId("counterfactualMeasures");
        VBox measuresBox = new VBox(4, FormControls.section("Plausibility"), measures);
        HBox lower = new HBox(20, frame(pathImage), barsBox, measuresBox);

        VBox right = new VBox(12, images, verdict, pathRow, lower);
        right.setPadding(new Insets(10));
        ScrollPane result = new ScrollPane(right);
        result.setFitToWidth(true);
        getItems().addAll(form, result);
        setDividerPositions(0.27);
        SplitPane.setResizableWithParent(form, false);

        vm.resultProperty().addListener((o, a, r) -> show());
        vm.shownProperty().addListener((o, a, r) -> show());
        vm.adversarialProperty().addListener((o, a, r) -> showAdversarial());
        vm.workspace().imageProperty().addListener((o, a, r) -> show());
        vm.workspace().modelInfoProperty().addListener((o, a, r) -> show());
        show();
    }

    private void show() {
        CounterfactualResult r = vm.resultProperty().get();
        CounterfactualResult.Item item = vm.shownItem();
        InputSpec spec = r != null ? r.model().input() : vm.workspace().inputSpec();
        var image = vm.workspace().image();
        if (item == null) {
            original.setImage(image == null || spec == null ? null : ImageRenderer.render(image.fitted(), 0,
                    spec.lower(), spec.upper()));
            originalCaption.setText(image == null ? "" : image.name());
            for (ImageView v : List.of(counterfactual, difference, pathImage)) {
                v.setImage(null);
            }
            counterfactualCaption.setText("Choose a target class and press Find counterfactual (Ctrl+R)");
            differenceCaption.setText("");
            verdict.setText("");
            pathLabel.setText("");
            path.setDisable(true);
            method.setVisible(false);
            bars.scoresProperty().set(List.of());
            measures.getChildren().clear();
            showAdversarial();
            return;
        }
        Counterfactual c = item.counterfactual();
        original.setImage(ImageRenderer.render(c.original(), 0, spec.lower(), spec.upper()));
        originalCaption.setText(r.className(c.originalClass()) + " — " + Formats.percent(
                c.originalProbabilities()[c.originalClass()]));
        counterfactual.setImage(ImageRenderer.render(c.counterfactual(), 0, spec.lower(), spec.upper()));
        counterfactualCaption.setText(r.className(c.predictedClass()) + " — " + Formats.percent(
                c.probabilities()[c.predictedClass()]) + " · " + item.displayName());
        boolean onManifold = c.method().equals(LatentCounterfactual.NAME) && !c.path().isEmpty();
        fromStart.setDisable(!onManifold);
        boolean againstStart = onManifold && fromStart.isSelected();
        float[] from = againstStart ? c.path().get(0).image().pixels() : c.original().pixels();
        float[] to = c.counterfactual().pixels();
        int plane = spec.height() * spec.width();
        float[] map = new float[plane];
        for (int i = 0; i < to.length; i++) {
            map[i % plane] += (to[i] - from[i]) / spec.channels();
        }
        double scale = Math.max(1e-6, MapPictures.limit(map, 100));
        difference.setImage(MapPictures.toFx(ColourMaps.render(map, ColourMaps.Scheme.DIVERGING, scale),
                spec.height(), spec.width()));
        differenceCaption.setText(againstStart ? String.format(Locale.ROOT, "against the reconstruction · scale"
                + " ±%.3g", scale) : String.format(Locale.ROOT, "scale ±%.3g · L2 %.3f · %d pixels changed", scale,
                item.plausibility().l2(), item.plausibility().changedPixels()));
        verdict.setText(CounterfactualViewModel.verdict(r, c));
        verdict.getStyleClass().removeAll("verdict-fooled", "verdict-held");
        // reaching the target is what the user asked for: green; falling short: red
        verdict.getStyleClass().add(c.success() ? "verdict-held" : "verdict-fooled");
        List<String> names = r.items().stream().map(CounterfactualResult.Item::displayName).toList();
        if (!method.getItems().equals(names)) {
            method.getItems().setAll(names);
        }
        method.getSelectionModel().select(vm.shownProperty().get());
        method.setVisible(names.size() > 1);
        path.setDisable(false);
        path.setMax(c.path().size() - 1);
        path.setValue(vm.pathIndexProperty().get());
        showMeasures(item.plausibility());
        showPathPoint();
        showAdversarial();
    }

    private void showPathPoint() {
        CounterfactualResult r = vm.resultProperty().get();
        CounterfactualResult.Item item = vm.shownItem();
        if (item == null) {
            return;
        }
        Counterfactual c = item.counterfactual();
        int k = Math.max(0, Math.min(vm.pathIndexProperty().get(), c.path().size() - 1));
        PathPoint p = c.path().get(k);
        InputSpec spec = r.model().input();
        pathImage.setImage(ImageRenderer.render(p.image(), 0, spec.lower(), spec.upper()));
        pathLabel.setText(String.format(Locale.ROOT, "step %d (%d/%d) · %s %.1f %%", p.step(), k + 1,
                c.path().size(), r.className(c.targetClass()), 100 * p.probability(c.targetClass())));
        bars.highlightProperty().set(c.targetClass());
        bars.scoresProperty().set(ClassScore.topK(p.probabilities(), r.model().classNames(), 5));
    }

    private void showMeasures(Plausibility p) {
        measures.getChildren().clear();
        int row = 0;
        row = measure(row, "L1", String.format(Locale.ROOT, "%.3f", p.l1()), "Sum of absolute pixel changes");
        row = measure(row, "L2", String.format(Locale.ROOT, "%.3f", p.l2()), "Euclidean length of the change");
        row = measure(row, "Changed pixels", Integer.toString(p.changedPixels()), "Pixels that moved by more than a"
                + " tenth of the range");
        row = measure(row, "Reconstruction error", number(p.reconstructionError()) + " (original "
                + number(p.originalReconstructionError()) + ")", "Autoencoder reconstruction error: close to the"
                + " original's means the image looks like the data");
        measure(row, "Nearest target example", number(p.nearestTargetDistance()), "L2 distance to the nearest"
                + " training image of the target class");
    }

    private int measure(int row, String name, String value, String tip) {
        Label n = FormControls.fieldLabel(name);
        n.setTooltip(new Tooltip(tip));
        Label v = new Label(value);
        v.getStyleClass().add("norm-value");
        measures.addRow(row, n, v);
        return row + 1;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "—";
    }

    private void showAdversarial() {
        AdversarialComparison a = vm.adversarialProperty().get();
        CounterfactualResult r = vm.resultProperty().get();
        adversarialPanel.setVisible(a != null);
        adversarialPanel.setManaged(a != null);
        if (a == null || r == null) {
            adversarial.setImage(null);
            adversarialCaption.setText("");
            return;
        }
        InputSpec spec = r.model().input();
        Images x = a.outcome().adversarial();
        adversarial.setImage(ImageRenderer.render(x, 0, spec.lower(), spec.upper()));
        adversarialCaption.setText(r.className(a.after().predicted()) + " — " + Formats.percent(a.after()
                .confidence()) + String.format(Locale.ROOT, "\nε %.3g · L2 %.3f · %s", a.outcome().epsilon(),
                a.outcome().l2()[0], a.success() ? "target reached" : "target not reached"));
    }

    private static VBox panel(String title, ImageView view, Label caption, String tip) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        StackPane f = frame(view);
        Tooltip.install(f, new Tooltip(tip));
        VBox box = new VBox(4, t, f, caption);
        box.setAlignment(Pos.TOP_CENTER);
        box.setMaxWidth(SIZE + 8);
        return box;
    }

    private static StackPane frame(ImageView v) {
        StackPane p = new StackPane(v);
        p.getStyleClass().add("image-frame");
        p.setMinSize(SIZE + 4, SIZE + 4);
        p.setMaxSize(SIZE + 4, SIZE + 4);
        return p;
    }

    private static ImageView imageView() {
        ImageView v = new ImageView((Image) null);
        v.setFitWidth(SIZE);
        v.setFitHeight(SIZE);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        return v;
    }

    private static Label caption(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.setMaxWidth(SIZE + 8);
        l.setAlignment(Pos.CENTER);
        return l;
    }
}
