package org.advlens.app.train;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;
import org.advlens.app.train.MethodFields.Field;
import org.advlens.attack.Norm;
import org.advlens.data.FashionMnist;
import org.advlens.train.TrainingMethod.Kind;

/**
 * The training form, bound to {@link TrainingSettings}: the method with only the parameters it takes, the
 * optimisation settings, the data folder, the robust evaluation, the output file, and Train / Cancel.
 */
final class TrainingFormView extends BorderPane {

    TrainingFormView(TrainingViewModel vm, TrainingChoosers choosers) {
        TrainingSettings s = vm.settings();
        getStyleClass().add("params-view");
        Label title = new Label("Train a CNN");
        title.getStyleClass().add("view-title");

        ComboBox<Kind> method = new ComboBox<>();
        method.getItems().setAll(Kind.values());
        method.valueProperty().bindBidirectional(s.methodProperty());
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(Kind k) {
                return k == null ? "" : MethodFields.displayName(k);
            }

            @Override
            public Kind fromString(String text) {
                return null;
            }
        });
        method.setMaxWidth(Double.MAX_VALUE);
        FormControls.tip("trainMethod", method, "How each minibatch is turned into what the network is fitted on:"
                + " clean images (standard), PGD examples (Madry et al. 2018), one FGSM step from a random start"
                + " (Wong et al. 2020), Gaussian noise (Cohen et al. 2019), mixup (Zhang et al. 2018), clean and"
                + " adversarial predictions tied by a KL term (TRADES, Zhang et al. 2019) or a teacher's soft"
                + " labels at a high temperature (defensive distillation, Papernot et al. 2016)");

        GridPane methodGrid = FormControls.grid();
        int row = 0;
        for (Field f : Field.values()) {
            Node control = f == Field.NORM ? normChooser(s) : field("trainField-" + f.name(),
                    s.valueProperty(f), f.tooltip());
            Label label = FormControls.fieldLabel(f.label());
            methodGrid.addRow(row++, label, control);
            for (Node n : new Node[] {label, control}) {
                n.visibleProperty().bind(Bindings.createBooleanBinding(() -> MethodFields.fields(
                        s.methodProperty().get()).contains(f), s.methodProperty()));
                n.managedProperty().bind(n.visibleProperty());
            }
        }

        GridPane optimisation = FormControls.grid();
        row = 0;
        optimisation.addRow(row++, FormControls.fieldLabel("Epochs"), field("trainEpochs", s.epochsProperty(),
                "Passes over the training images; held-out accuracy is measured after each"));
        optimisation.addRow(row++, FormControls.fieldLabel("Batch size"), field("trainBatchSize",
                s.batchSizeProperty(), "Images per minibatch (one Adam step each)"));
        optimisation.addRow(row++, FormControls.fieldLabel("Learning rate"), field("trainLearningRate",
                s.learningRateProperty(), "Adam step size (Kingma and Ba 2015), in (0, 1]; the bundled model used"
                        + " 0.001"));
        optimisation.addRow(row++, FormControls.fieldLabel("Seed"), field("trainSeed", s.seedProperty(),
                "Seed of the initial weights, the shuffling and every minibatch's noise or attack: the same seed"
                        + " and settings train the same model"));
        optimisation.addRow(row++, FormControls.fieldLabel("Parseval β"), field("trainParseval",
                s.parsevalBetaProperty(), "With any method: Parseval regularisation (Cisse et al. 2017), a"
                        + " retraction step of this size towards orthonormal weight rows after each update, e.g."
                        + " 0.0003; 0 for none"));

        Label dataDir = new Label();
        dataDir.setId("trainDataDir");
        dataDir.getStyleClass().add("muted");
        dataDir.setWrapText(true);
        dataDir.textProperty().bind(Bindings.createStringBinding(() -> String.valueOf(s.dataDirProperty().get()),
                s.dataDirProperty()));
        Button chooseData = new Button("Folder…");
        chooseData.setId("trainDataButton");
        chooseData.setTooltip(new Tooltip("The folder of the training data: IDX files as Fashion-MNIST ships them"
                + " (train-images-idx3-ubyte.gz and three others; class names from a classes.txt beside them), or"
                + " train/ and test/ folders with one sub-folder of images per class"));
        chooseData.setOnAction(e -> choosers.chooseTrainingData(s.dataDirProperty()::set));
        Button debian = new Button("Default");
        debian.setTooltip(new Tooltip(FashionMnist.DEBIAN_DIR + ", where the Debian package dataset-fashion-mnist"
                + " installs the files"));
        debian.setOnAction(e -> s.dataDirProperty().set(FashionMnist.DEBIAN_DIR));
        StringBinding dataProblem = Bindings.createStringBinding(() -> TrainingSettings.dataProblem(
                s.dataDirProperty().get()), s.dataDirProperty());
        Label dataError = FormControls.errorLabel("trainDataError", dataProblem);
        GridPane limits = FormControls.grid();
        limits.addRow(0, FormControls.fieldLabel("Train limit"), field("trainLimit", s.trainLimitProperty(),
                "Train on only the first N training images (Fashion-MNIST has 60,000); 0 for all (fewer is faster)"));
        limits.addRow(1, FormControls.fieldLabel("Test limit"), field("trainTestLimit", s.testLimitProperty(),
                "Measure held-out accuracy on only the first N test images (Fashion-MNIST has 10,000); 0 for all"));
        VBox data = new VBox(4, new HBox(6, chooseData, debian), dataDir, dataError, limits);

        GridPane robust = FormControls.grid();
        robust.addRow(0, FormControls.fieldLabel("Robust images"), field("trainRobustImages",
                s.robustImagesProperty(), "Held-out images on which PGD-20 accuracy at the training ε is measured"
                        + " after each epoch (adversarial methods only); 0 to skip"));
        CheckBox keepBest = new CheckBox("Keep the best robust epoch");
        keepBest.setId("trainKeepBest");
        keepBest.selectedProperty().bindBidirectional(s.keepBestRobustProperty());
        keepBest.setWrapText(true);
        keepBest.setTooltip(new Tooltip("Save the epoch with the best robust accuracy instead of the last: early"
                + " stopping against robust overfitting (Rice, Wong and Kolter 2020)"));
        robust.add(keepBest, 0, 1, 2, 1);
        robust.disableProperty().bind(s.adversarialProperty().not());

        Label output = new Label();
        output.setId("trainOutput");
        output.getStyleClass().add("muted");
        output.setWrapText(true);
        output.textProperty().bind(Bindings.createStringBinding(() -> String.valueOf(s.outputProperty().get()),
                s.outputProperty()));
        output.setTooltip(new Tooltip("The model zip the run writes; it opens as the current model when training"
                + " ends"));
        Button saveAs = new Button("Save as…");
        saveAs.setId("trainOutputButton");
        saveAs.setTooltip(new Tooltip("Choose the model file to write (an existing file is replaced)"));
        saveAs.setOnAction(e -> choosers.chooseTrainingOutput(s.outputProperty().get(),
                s.chosenOutputProperty()::set));

        // the data problem is shown under the folder; the error line below names everything else
        StringBinding otherError = Bindings.createStringBinding(() -> s.errorProperty().get().equals(
                dataProblem.get()) ? "" : s.errorProperty().get(), s.errorProperty(), dataProblem);
        Label error = FormControls.errorLabel("trainFormError", otherError);

        Button train = new Button("Train");
        train.setId("trainButton");
        train.getStyleClass().add("accent");
        train.disableProperty().bind(vm.canTrainProperty().not());
        train.setOnAction(e -> vm.train());
        train.setTooltip(new Tooltip("Train with these settings (Ctrl+R or F5); the chart fills after each epoch and"
                + " the model opens when training ends"));
        train.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(train, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelTrainingButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop training at the next minibatch; nothing is saved and the current model"
                + " stays"));
        HBox buttons = new HBox(6, train, cancel);

        VBox form = new VBox(10, title, FormControls.section("Method"), method, methodGrid,
                FormControls.section("Optimisation"), optimisation, FormControls.section("Data"), data,
                FormControls.section("Robust accuracy after each epoch"), robust, FormControls.section("Output"),
                new HBox(6, saveAs), output);
        form.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox actions = new VBox(6, error, buttons);
        actions.setPadding(new Insets(8, 10, 10, 10));
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("form-actions");
        setCenter(scroll);
        setBottom(actions);
    }

    private static ComboBox<Norm> normChooser(TrainingSettings s) {
        ComboBox<Norm> norm = new ComboBox<>();
        norm.getItems().setAll(Norm.values());
        norm.valueProperty().bindBidirectional(s.normProperty());
        norm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Norm n) {
                return n == null ? "" : n == Norm.LINF ? "L∞" : n.label().toUpperCase(Locale.ROOT);
            }

            @Override
            public Norm fromString(String text) {
                return null;
            }
        });
        norm.setMaxWidth(Double.MAX_VALUE);
        return FormControls.tip("trainField-NORM", norm, Field.NORM.tooltip());
    }

    private static TextField field(String id, StringProperty value, String tip) {
        TextField t = FormControls.text(id, value, null, tip);
        t.setMaxWidth(Double.MAX_VALUE);
        return t;
    }
}
