package org.advlens.app.counterfactual;

import static org.advlens.app.common.FormControls.fieldLabel;
import static org.advlens.app.common.FormControls.intSpinner;
import static org.advlens.app.common.FormControls.section;
import static org.advlens.app.common.FormControls.text;
import static org.advlens.app.common.FormControls.tip;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;

/** The counterfactual form: target, kind and parameters bound to {@link CounterfactualSettings}, and the actions. */
final class CounterfactualFormView extends VBox {

    /**
     * @param export asks for a folder and exports to it
     * @param generators asks for the files to load or train a generator
     */
    CounterfactualFormView(CounterfactualViewModel vm, Runnable export, GeneratorChoosers generators) {
        CounterfactualSettings s = vm.settings();
        getStyleClass().add("params-view");
        setSpacing(10);
        setPadding(new Insets(10));

        ComboBox<String> target = new ComboBox<>(s.classNames());
        target.setMaxWidth(Double.MAX_VALUE);
        target.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                s.targetClassProperty().set(i.intValue());
            }
        });
        s.targetClassProperty().addListener((o, a, i) -> target.getSelectionModel().select(i == null ? 0 : i));
        s.classNames().addListener((javafx.collections.ListChangeListener<String>) c ->
                target.getSelectionModel().select(s.targetClassProperty().get()));
        target.getSelectionModel().select(s.targetClassProperty().get());
        ComboBox<CounterfactualSettings.Kind> kind = new ComboBox<>();
        kind.getItems().setAll(CounterfactualSettings.Kind.values());
        kind.valueProperty().bindBidirectional(s.kindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(CounterfactualSettings.Kind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public CounterfactualSettings.Kind fromString(String t) {
                return null;
            }
        });

        GridPane grid = FormControls.grid();
        int row = 0;
        grid.addRow(row++, fieldLabel("Target class"), tip("counterfactualTarget", target,
                "The class the changed image should be given"));
        grid.addRow(row++, fieldLabel("Kind"), tip("counterfactualKind", kind, "Pixel space changes pixels directly"
                + " (Wachter et al., 2017); on-manifold moves through the bundled autoencoder's code so the result"
                + " stays image-like"));
        grid.addRow(row++, fieldLabel("Steps"), intSpinner("counterfactualSteps", 1, 100_000, s.stepsProperty(),
                "Most optimisation steps"));
        grid.add(section("Pixel space"), 0, row++, 2, 1);
        TextField confidence = text("counterfactualConfidence", s.confidenceProperty(), "0.9",
                "Stop when the target class's probability reaches this, in (0, 1)");
        TextField l1 = text("counterfactualL1", s.l1Property(), "0.002", "Weight of the L1 distance: larger gives"
                + " fewer changed pixels");
        TextField l2 = text("counterfactualL2", s.l2Property(), "0.02", "Weight of the squared L2 distance: larger"
                + " gives smaller changes");
        TextField tv = text("counterfactualTv", s.tvProperty(), "0.02", "Weight of the change's total variation:"
                + " larger gives smoother, blob-like changes");
        for (TextField f : new TextField[] {confidence, l1, l2, tv}) {
            f.disableProperty().bind(s.kindProperty().isEqualTo(CounterfactualSettings.Kind.LATENT));
        }
        grid.addRow(row++, fieldLabel("Confidence"), confidence);
        grid.addRow(row++, fieldLabel("L1 weight"), l1);
        grid.addRow(row++, fieldLabel("L2 weight"), l2);
        grid.addRow(row++, fieldLabel("TV weight"), tv);
        grid.add(section("On-manifold"), 0, row++, 2, 1);
        TextField latentConfidence = text("counterfactualLatentConfidence", s.latentConfidenceProperty(), "0.999",
                "Stop when the target class's probability reaches this, in (0, 1). High on purpose: an undefended"
                        + " classifier reaches a moderate confidence long before a person sees the target class");
        TextField latent = text("counterfactualLatentWeight", s.latentWeightProperty(), "0.01",
                "Weight of the squared distance to the original's code: larger stays closer to the original");
        TextField prototype = text("counterfactualPrototypeWeight", s.prototypeWeightProperty(), "10",
                "Weight of the squared distance to the target-class prototype (mean code of reference images of"
                        + " the target class nearest the original); 0 turns the guidance off");
        Spinner<Integer> neighbours = intSpinner("counterfactualPrototypeNeighbours", 1, 1000,
                s.prototypeNeighboursProperty(), "How many reference images of the target class make the"
                        + " prototype: more gives a more typical, smoother target");
        for (Node f : new Node[] {latentConfidence, latent, prototype, neighbours}) {
            f.disableProperty().bind(s.kindProperty().isEqualTo(CounterfactualSettings.Kind.PIXEL));
        }
        grid.addRow(row++, fieldLabel("Confidence"), latentConfidence);
        grid.addRow(row++, fieldLabel("Latent weight"), latent);
        grid.addRow(row++, fieldLabel("Prototype weight"), prototype);
        grid.addRow(row++, fieldLabel("Prototype neighbours"), neighbours);
        Label generator = new Label();
        generator.setId("counterfactualGenerator");
        generator.setWrapText(true);
        generator.getStyleClass().add("muted");
        generator.textProperty().bind(vm.generator().nameProperty());
        Button loadGenerator = new Button("Load…");
        loadGenerator.setId("loadGeneratorButton");
        loadGenerator.setTooltip(new Tooltip("Use an autoencoder trained on your model's data (advlens"
                + " train-generator --model ... --data ...) instead of the bundled Fashion-MNIST one"));
        loadGenerator.setOnAction(e -> generators.loadGenerator());
        Button trainGenerator = new Button("Train…");
        trainGenerator.setId("trainGeneratorButton");
        trainGenerator.setTooltip(new Tooltip("Train an autoencoder for the loaded model on your images (an IDX"
                + " file with its labels next to it; 3 epochs, minutes for tens of thousands of images), save it"
                + " and use it"));
        trainGenerator.setOnAction(e -> generators.trainGenerator());
        Button bundled = new Button("Bundled");
        bundled.setId("bundledGeneratorButton");
        bundled.setTooltip(new Tooltip("Go back to the bundled Fashion-MNIST autoencoder"));
        bundled.disableProperty().bind(vm.generator().nameProperty().isEqualTo(
                GeneratorViewModel.BUNDLED));
        bundled.setOnAction(e -> vm.generator().useBundled());
        grid.addRow(row++, fieldLabel("Generator"), generator);
        for (Button b : new Button[] {loadGenerator, trainGenerator, bundled}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox generatorButtons = new HBox(8, loadGenerator, trainGenerator, bundled);
        generatorButtons.setAlignment(Pos.CENTER_RIGHT);
        grid.add(generatorButtons, 0, row++, 2, 1);

        Label error = FormControls.errorLabel("counterfactualError", s.errorProperty());

        Button run = new Button("Find counterfactual");
        run.setId("runCounterfactualButton");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runCounterfactual());
        run.setTooltip(new Tooltip("Search the smallest readable change to the target class (Ctrl+R or F5)"));
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCounterfactualButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop the search"));
        Button compare = new Button("Compare with adversarial");
        compare.setId("compareAdversarialButton");
        compare.setMaxWidth(Double.MAX_VALUE);
        compare.disableProperty().bind(vm.resultProperty().isNull().or(vm.runningProperty()));
        compare.setOnAction(e -> vm.compareWithAdversarial());
        compare.setTooltip(new Tooltip("Run targeted PGD (L∞, ε = " + CounterfactualViewModel.COMPARISON_EPSILON
                + " of the range, " + CounterfactualViewModel.COMPARISON_STEPS + " steps) to the same class and show"
                + " it beside the counterfactual"));
        Button exportButton = new Button("Export…");
        exportButton.setId("exportCounterfactualButton");
        exportButton.disableProperty().bind(vm.resultProperty().isNull());
        exportButton.setOnAction(e -> export.run());
        exportButton.setTooltip(new Tooltip("Save the original, counterfactual, difference and path PNGs and"
                + " counterfactual.json (measures, path, settings, provenance) to a folder (Ctrl+E)"));
        HBox buttons = new HBox(8, run, cancel);
        HBox more = new HBox(8, compare, exportButton);
        HBox.setHgrow(compare, Priority.ALWAYS);

        Label status = new Label();
        status.setId("counterfactualStatus");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Label title = new Label("Counterfactual");
        title.getStyleClass().add("view-title");
        getChildren().addAll(title, grid, error, buttons, more, status);
    }
}
