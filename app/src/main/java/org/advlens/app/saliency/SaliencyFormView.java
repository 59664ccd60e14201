package org.advlens.app.saliency;

import static org.advlens.app.common.FormControls.fieldLabel;
import static org.advlens.app.common.FormControls.intSpinner;
import static org.advlens.app.common.FormControls.section;
import static org.advlens.app.common.FormControls.text;
import static org.advlens.app.common.FormControls.tip;

import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.IntegratedGradients;

/** The saliency form: methods, their parameters and the target, every field bound to {@link SaliencySettings}. */
final class SaliencyFormView extends VBox {

    private static final Map<String, String> TIPS = Map.of(
            "gradient", "d(target logit)/d(input): signed, red raises the class score (Simonyan et al., 2014)",
            "gradient-abs", "The gradient's magnitude: how sensitive the score is to each pixel",
            "gradient-x-input", "Gradient times input: a first-order estimate of each pixel's contribution",
            "smoothgrad", "The gradient averaged over noisy copies of the image (Smilkov et al., 2017)",
            "integrated-gradients", "Gradients integrated along the path from a baseline; they sum to the score"
                    + " difference (Sundararajan et al., 2017)",
            "occlusion", "How much the score drops when a patch is covered (Zeiler and Fergus, 2014)",
            "gradcam", "Class activation of a convolutional layer weighted by its gradients (Selvaraju et al., 2017)",
            "guided-backprop", "Gradients with negative signals stopped at every ReLU (Springenberg et al., 2015)");

    SaliencyFormView(SaliencyViewModel vm, Runnable export) {
        SaliencySettings s = vm.settings();
        getStyleClass().add("params-view");
        setSpacing(10);
        setPadding(new Insets(10));

        VBox methods = new VBox(4);
        for (String name : s.methodNames()) {
            CheckBox box = new CheckBox(s.displayName(name));
            box.setId("saliencyMethod-" + name);
            box.selectedProperty().bindBidirectional(s.chosenProperty(name));
            box.setTooltip(new Tooltip(TIPS.getOrDefault(name, s.displayName(name))));
            methods.getChildren().add(box);
        }

        GridPane params = FormControls.grid();
        int row = 0;
        params.add(section("SmoothGrad"), 0, row++, 2, 1);
        params.addRow(row++, fieldLabel("Samples"), intSpinner("smoothSamples", 1, 10_000, s.smoothSamplesProperty(),
                "Noisy copies averaged per image; more is smoother and slower"));
        params.addRow(row++, fieldLabel("Noise"), text("smoothNoise", s.smoothNoiseProperty(), "0.15",
                "Noise standard deviation as a fraction of the pixel range (0.1-0.2 suggested)"));
        params.add(section("Integrated Gradients"), 0, row++, 2, 1);
        params.addRow(row++, fieldLabel("Steps"), intSpinner("igSteps", 1, 100_000, s.igStepsProperty(),
                "Intervals of the path integral; more steps give a smaller completeness Δ"));
        ComboBox<IntegratedGradients.Baseline> baseline = new ComboBox<>();
        baseline.getItems().setAll(IntegratedGradients.Baseline.values());
        baseline.valueProperty().bindBidirectional(s.igBaselineProperty());
        baseline.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(IntegratedGradients.Baseline b) {
                return b == null ? "" : b.label();
            }

            @Override
            public IntegratedGradients.Baseline fromString(String t) {
                return IntegratedGradients.Baseline.parse(t);
            }
        });
        params.addRow(row++, fieldLabel("Baseline"), tip("igBaseline", baseline, "Where the path starts: a black"
                + " image, the image blurred, or uniform noise"));
        params.add(section("Occlusion"), 0, row++, 2, 1);
        params.addRow(row++, fieldLabel("Patch"), intSpinner("occlusionPatch", 1, 10_000,
                s.occlusionPatchProperty(), "Side of the square patch in pixels"));
        params.addRow(row++, fieldLabel("Stride"), intSpinner("occlusionStride", 1, 10_000,
                s.occlusionStrideProperty(), "Step between patch positions in pixels"));
        params.addRow(row++, fieldLabel("Fill"), text("occlusionFill", s.occlusionFillProperty(), "black",
                "The value the patch is filled with, in the model's pixel space; blank for the lower bound (black)"));
        params.add(section("Grad-CAM"), 0, row++, 2, 1);
        ComboBox<String> layer = new ComboBox<>();
        layer.setMaxWidth(Double.MAX_VALUE);
        Runnable fillLayers = () -> {
            layer.getItems().setAll("");
            layer.getItems().addAll(s.gradCamLayers());
            layer.setValue(s.gradCamLayerProperty().get());
        };
        s.gradCamLayers().addListener((ListChangeListener<String>) c -> fillLayers.run());
        fillLayers.run();
        layer.valueProperty().addListener((o, a, v) -> s.gradCamLayerProperty().set(v == null ? "" : v));
        s.gradCamLayerProperty().addListener((o, a, v) -> layer.setValue(v));
        layer.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null || v.isEmpty() ? "last convolutional" : v;
            }

            @Override
            public String fromString(String t) {
                return t;
            }
        });
        params.addRow(row++, fieldLabel("Layer"), tip("gradCamLayer", layer, "The convolution or pooling layer"
                + " whose activations are weighted; later layers are coarser and more class-specific"));

        ToggleGroup targets = new ToggleGroup();
        RadioButton predicted = radio("targetPredicted", "Predicted class", targets, Target.Kind.PREDICTED, s,
                "Explain the class the model predicts");
        RadioButton trueLabel = radio("targetTrue", "True label", targets, Target.Kind.TRUE_LABEL, s,
                "Explain the image's true class (needs a labelled image)");
        RadioButton any = radio("targetClass", "Class:", targets, Target.Kind.CLASS, s,
                "Explain any class: why would it be this one?");
        ComboBox<String> target = new ComboBox<>(s.classNames());
        target.setId("saliencyTargetChoice");
        target.setTooltip(new Tooltip("The class to explain"));
        target.disableProperty().bind(s.targetKindProperty().isNotEqualTo(Target.Kind.CLASS));
        target.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                s.targetClassProperty().set(i.intValue());
            }
        });
        s.targetClassProperty().addListener((o, a, i) -> target.getSelectionModel().select(i == null ? 0 : i));
        target.getSelectionModel().select(s.targetClassProperty().get());
        HBox anyRow = new HBox(6, any, target);
        VBox targetBox = new VBox(4, predicted, trueLabel, anyRow);

        Label error = FormControls.errorLabel("saliencyError", s.errorProperty());

        Button run = new Button("Compute maps");
        run.setId("runSaliencyButton");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runSaliency());
        run.setTooltip(new Tooltip("Compute the chosen maps for the selected image (Ctrl+R or F5)"));
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelSaliencyButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop computing the maps"));
        Button exportButton = new Button("Export…");
        exportButton.setId("exportSaliencyButton");
        exportButton.disableProperty().bind(vm.resultProperty().isNull());
        exportButton.setOnAction(e -> export.run());
        exportButton.setTooltip(new Tooltip("Save each map as PNG (as shown) and JSON (values, target, parameters,"
                + " provenance) to a folder (Ctrl+E)"));
        HBox buttons = new HBox(8, run, cancel, exportButton);

        Label status = new Label();
        status.setId("saliencyStatus");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Label title = new Label("Saliency");
        title.getStyleClass().add("view-title");
        getChildren().addAll(title, section("Methods"), methods, params, section("Target"), targetBox, error,
                buttons, status);
    }

    private static RadioButton radio(String id, String text, ToggleGroup group, Target.Kind kind, SaliencySettings s,
                                     String tip) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setToggleGroup(group);
        r.setTooltip(new Tooltip(tip));
        r.setSelected(s.targetKindProperty().get() == kind);
        r.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                s.targetKindProperty().set(kind);
            }
        });
        s.targetKindProperty().addListener((o, a, k) -> r.setSelected(k == kind));
        return r;
    }
}
