package org.advlens.app.attack;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Formats;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.ProbabilityBars;
import org.advlens.eval.Prediction;
import org.advlens.model.InputSpec;

/**
 * The attack's result: original, adversarial, amplified perturbation and heatmap side by side, the verdict,
 * the perturbation's norms, and the top-5 probabilities before and after.
 */
final class AttackResultView extends VBox {

    private static final double MIN_SIZE = 96;
    private static final double MAX_SIZE = 224;
    private static final double GAP = 12;

    private final AttackViewModel vm;
    /** The side of each image, following the view's width: four images and their gaps fill it. */
    private final DoubleBinding size = Bindings.createDoubleBinding(() -> Math.max(MIN_SIZE, Math.min(MAX_SIZE,
            Math.floor((getWidth() - 20 - 3 * GAP) / 4 - 8))), widthProperty());
    private final ImageView original = imageView(size);
    private final ImageView adversarial = imageView(size);
    private final ImageView perturbation = imageView(size);
    private final ImageView heatmap = imageView(size);
    private final Label originalCaption = caption("originalPrediction", size);
    private final Label adversarialCaption = caption("adversarialPrediction", size);
    private final Label perturbationCaption = caption("amplificationLabel", size);
    private final Label heatmapCaption = caption("heatmapScale", size);
    private final Label verdict = new Label();
    private final Label l0 = value("l0Label");
    private final Label l2 = value("l2Label");
    private final Label linf = value("linfLabel");
    private final Label epsilonUsed = value("epsilonUsedLabel");
    private final Label minimalDistance = value("minimalDistanceLabel");
    private final Label minimalDistanceName = name("Minimal", "The smallest perturbation the minimum-norm attack"
            + " found that changes the decision, measured by the engine on the verified adversarial image");
    private final ProbabilityBars before = new ProbabilityBars();
    private final ProbabilityBars after = new ProbabilityBars();

    AttackResultView(AttackViewModel vm) {
        this.vm = vm;
        getStyleClass().add("result-view");
        setSpacing(12);
        setPadding(new Insets(10));

        HBox images = new HBox(GAP,
                panel("Original", original, originalCaption, "The clean image as the model sees it"),
                panel("Adversarial", adversarial, adversarialCaption, "The attacked image, inside the ε-ball and"
                        + " the pixel bounds (verified by the engine)"),
                panel("Perturbation", perturbation, perturbationCaption, "adversarial − original, amplified so"
                        + " the largest change reaches the edge of the range; mid-grey is no change"),
                panel("Heatmap", heatmapWithLegend(), heatmapCaption, "adversarial − original summed over"
                        + " channels: red is brighter, blue is darker, white is unchanged"));
        images.setAlignment(Pos.TOP_LEFT);

        verdict.setId("verdictLabel");
        verdict.getStyleClass().add("verdict");
        GridPane norms = new GridPane();
        norms.setHgap(10);
        norms.setVgap(2);
        norms.addRow(0, name("ε", "The budget the attack ran with"), epsilonUsed);
        norms.addRow(1, name("L0", "How many pixel values changed"), l0);
        norms.addRow(2, name("L2", "Euclidean length of the change"), l2);
        norms.addRow(3, name("L∞", "Largest change of any pixel value"), linf);
        norms.addRow(4, minimalDistanceName, minimalDistance);
        minimalDistanceName.visibleProperty().bind(minimalDistance.visibleProperty());
        minimalDistance.setVisible(false);
        norms.getStyleClass().add("norms");
        VBox verdictBox = new VBox(6, verdict, norms);

        before.setId("probabilitiesBefore");
        after.setId("probabilitiesAfter");
        VBox beforeBox = new VBox(4, section("Before (clean) — top 5"), before);
        VBox afterBox = new VBox(4, section("After (adversarial) — top 5"), after);
        HBox.setHgrow(beforeBox, Priority.ALWAYS);
        HBox.setHgrow(afterBox, Priority.ALWAYS);
        beforeBox.setMaxWidth(440);
        afterBox.setMaxWidth(440);
        beforeBox.setMinWidth(0);
        afterBox.setMinWidth(0);
        HBox bars = new HBox(24, beforeBox, afterBox);

        getChildren().addAll(images, verdictBox, bars);

        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.workspace().imageProperty().addListener((o, a, item) -> showClean(item));
        vm.workspace().modelInfoProperty().addListener((o, a, info) -> showClean(vm.workspace().image()));
        vm.cleanPredictionProperty().addListener((o, a, p) -> showCleanPrediction(p));
        showClean(vm.workspace().image());
        show(vm.resultProperty().get());
    }

    private void showClean(ImageItem item) {
        if (item == null) {
            original.setImage(null);
            return;
        }
        if (vm.resultProperty().get() == null) {
            InputSpec spec = vm.workspace().inputSpec();
            // Before a model is loaded the image is still in [0, 1].
            original.setImage(ImageRenderer.render(item.fitted(), 0, spec == null ? 0 : spec.lower(),
                    spec == null ? 1 : spec.upper()));
            List<String> names = spec == null ? List.of() : vm.workspace().modelInfo().classNames();
            originalCaption.setText(item.labelled() && !names.isEmpty() ? "label: "
                    + ClassScore.nameOf(names, item.label()) : item.name());
            showCleanPrediction(vm.cleanPredictionProperty().get());
        }
    }

    private void showCleanPrediction(Prediction p) {
        if (vm.resultProperty().get() != null) {
            return;
        }
        if (p == null || vm.workspace().modelInfo() == null) {
            before.scoresProperty().set(List.of());
            return;
        }
        List<String> names = vm.workspace().modelInfo().classNames();
        before.scoresProperty().set(ClassScore.topK(p.probabilities(), names, AttackResult.TOP_K));
        ImageItem item = vm.workspace().image();
        before.highlightProperty().set(item != null && item.labelled() ? item.label() : -1);
        originalCaption.setText(ClassScore.nameOf(names, p.predicted()) + " — "
                + Formats.percent(p.confidence()));
    }

    private void show(AttackResult r) {
        if (r == null) {
            adversarial.setImage(null);
            perturbation.setImage(null);
            heatmap.setImage(null);
            adversarialCaption.setText("Run an attack (Ctrl+R)");
            perturbationCaption.setText("");
            heatmapCaption.setText("");
            verdict.setText("");
            verdict.getStyleClass().removeAll("verdict-fooled", "verdict-held");
            minimalDistance.setVisible(false);
            for (Label l : List.of(l0, l2, linf, epsilonUsed, minimalDistance)) {
                l.setText("—");
            }
            after.scoresProperty().set(List.of());
            showClean(vm.workspace().image());
            showCleanPrediction(vm.cleanPredictionProperty().get());
            return;
        }
        InputSpec spec = r.model().input();
        original.setImage(ImageRenderer.render(r.image().fitted(), 0, spec.lower(), spec.upper()));
        adversarial.setImage(ImageRenderer.render(r.outcome().adversarial(), 0, spec.lower(), spec.upper()));
        perturbation.setImage(ImageRenderer.render(r.amplified().image(), 0, spec.lower(), spec.upper()));
        Heatmap h = r.heatmap();
        heatmap.setImage(ImageRenderer.diverging(h.values(), h.height(), h.width()));
        originalCaption.setText(AttackViewModel.predictionText(r, r.before()));
        adversarialCaption.setText(AttackViewModel.predictionText(r, r.after()));
        perturbationCaption.setText(AttackViewModel.amplificationText(r));
        heatmapCaption.setText(String.format(Locale.ROOT, "scale ±%.3g", h.scale()));
        verdict.setText(AttackViewModel.verdict(r));
        verdict.getStyleClass().removeAll("verdict-fooled", "verdict-held");
        verdict.getStyleClass().add(r.success() ? "verdict-fooled" : "verdict-held");
        l0.setText(AttackViewModel.l0Text(r));
        l2.setText(AttackViewModel.l2Text(r));
        linf.setText(AttackViewModel.linfText(r));
        epsilonUsed.setText(r.minimumNorm() ? "none (minimum-norm) · " + r.attackDisplayName()
                : AttackSettings.format(r.outcome().epsilon()) + " · "
                + (r.outcome().params().norm() == org.advlens.attack.Norm.LINF ? "L∞" : "L2") + " · "
                + r.attackDisplayName());
        minimalDistance.setText(AttackViewModel.minimalDistanceText(r));
        minimalDistance.setVisible(r.minimumNorm());
        before.scoresProperty().set(r.topBefore());
        before.highlightProperty().set(r.label());
        after.scoresProperty().set(r.topAfter());
        after.highlightProperty().set(r.label());
    }

    private Region heatmapWithLegend() {
        ImageView legend = new ImageView(ImageRenderer.divergingLegend((int) MAX_SIZE, 8));
        legend.fitWidthProperty().bind(size);
        legend.setFitHeight(8);
        Label lo = new Label("−");
        Label mid = new Label("0");
        Label hi = new Label("+");
        for (Label l : List.of(lo, mid, hi)) {
            l.getStyleClass().add("legend-text");
        }
        Region s1 = new Region();
        Region s2 = new Region();
        HBox.setHgrow(s1, Priority.ALWAYS);
        HBox.setHgrow(s2, Priority.ALWAYS);
        HBox ticks = new HBox(lo, s1, mid, s2, hi);
        ticks.maxWidthProperty().bind(size);
        return new VBox(2, frame(heatmap, size), legend, ticks);
    }

    private VBox panel(String title, javafx.scene.Node content, Label caption, String tip) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        t.setTooltip(new Tooltip(tip));
        javafx.scene.Node body = content instanceof ImageView iv ? frame(iv, size) : content;
        VBox box = new VBox(4, t, body, caption);
        box.setAlignment(Pos.TOP_CENTER);
        box.maxWidthProperty().bind(size.add(8));
        Tooltip.install(body, new Tooltip(tip));
        return box;
    }

    private static StackPane frame(ImageView view, DoubleBinding size) {
        StackPane p = new StackPane(view);
        p.getStyleClass().add("image-frame");
        p.minWidthProperty().bind(size.add(4));
        p.minHeightProperty().bind(size.add(4));
        p.prefWidthProperty().bind(size.add(4));
        p.prefHeightProperty().bind(size.add(4));
        p.maxWidthProperty().bind(size.add(4));
        p.maxHeightProperty().bind(size.add(4));
        return p;
    }

    private static ImageView imageView(DoubleBinding size) {
        ImageView v = new ImageView((Image) null);
        v.fitWidthProperty().bind(size);
        v.fitHeightProperty().bind(size);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        return v;
    }

    private static Label caption(String id, DoubleBinding size) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.maxWidthProperty().bind(size.add(8));
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("norm-value");
        return l;
    }

    private static Label name(String text, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("norm-name");
        l.setTooltip(new Tooltip(tip));
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
