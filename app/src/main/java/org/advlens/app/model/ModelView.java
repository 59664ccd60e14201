package org.advlens.app.model;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ErrorBanner;
import org.advlens.model.ChannelOrder;

/**
 * The model view: what the loaded model is (format, input, classes, parameters, layers) and an editor for its
 * input description. Binds to {@link ModelViewModel}; opening files is delegated to the main window.
 */
public final class ModelView extends BorderPane {

    /**
     * @param openModel asks the main window to show the file chooser and load the chosen model
     */
    public ModelView(ModelViewModel vm, Runnable openModel) {
        getStyleClass().add("model-view");
        setId("modelView");

        Button open = new Button("Open model…");
        open.setId("openModelButton");
        open.setDefaultButton(false);
        open.setOnAction(e -> openModel.run());
        open.setTooltip(new Tooltip("Load a DL4J model zip, a Keras .h5 file or an ONNX file (Ctrl+O). You can also drop a model"
                + " file anywhere on the window."));
        Button bundled = new Button("Use bundled model");
        bundled.setId("bundledModelButton");
        bundled.setOnAction(e -> vm.loadBundled());
        bundled.setTooltip(new Tooltip("Load the bundled Fashion-MNIST CNN (1×28×28 grey images, 10 classes)"));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(vm.loadingProperty());
        Label hint = new Label("Drop a .zip, .h5 or .onnx model file here");
        hint.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button robust = new Button("Use robust model");
        robust.setId("robustModelButton");
        robust.setOnAction(e -> vm.loadBundledRobust());
        robust.setTooltip(new Tooltip("Load the bundled adversarially trained CNN: the same architecture, trained with"
                + " PGD at L-inf 0.1 (clean accuracy 0.79, PGD-20 accuracy 0.63 at 0.1, where the standard model has"
                + " 0)"));
        HBox toolbar = new HBox(8, open, bundled, robust, busy, spacer, hint);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("view-toolbar");

        ErrorBanner errorBanner = new ErrorBanner(vm.loadErrorProperty(), vm::dismissError);
        errorBanner.setId("modelError");
        errorBanner.textLabel().setId("modelErrorText");
        setTop(new VBox(toolbar, errorBanner));

        SplitPane split = new SplitPane(description(vm), editor(vm));
        split.setDividerPositions(0.58);
        setCenter(split);
    }

    private VBox description(ModelViewModel vm) {
        Label title = new Label();
        title.setId("modelTitle");
        title.getStyleClass().add("view-title");
        title.textProperty().bind(vm.titleProperty());

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(12);
        facts.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().setAll(names, values);
        Runnable fill = () -> {
            facts.getChildren().clear();
            int row = 0;
            for (ModelText.Fact f : vm.facts()) {
                Label n = new Label(f.name());
                n.getStyleClass().add("fact-name");
                Label v = new Label(f.value());
                v.setWrapText(true);
                v.getStyleClass().add("fact-value");
                v.setTooltip(new Tooltip(f.value()));
                facts.addRow(row++, n, v);
            }
        };
        vm.facts().addListener((ListChangeListener<ModelText.Fact>) c -> fill.run());
        fill.run();

        Label layersTitle = new Label("Layers");
        layersTitle.getStyleClass().add("section-title");
        ListView<String> layers = new ListView<>(vm.layers());
        layers.setId("layerList");
        layers.getStyleClass().add("mono");
        layers.setPlaceholder(new Label("No layer list"));
        VBox.setVgrow(layers, Priority.ALWAYS);
        layers.setPrefHeight(200);

        VBox box = new VBox(10, title, facts, layersTitle, layers);
        box.setPadding(new Insets(12));
        return box;
    }

    private ScrollPane editor(ModelViewModel vm) {
        DescriptionForm f = vm.form();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, label("Name"), field(f.nameProperty(), "Display name of the model", 200));
        HBox shape = new HBox(6, field(f.channelsProperty(), "Colour channels: 1 (grey) or 3 (RGB)", 50),
                new Label("×"), field(f.heightProperty(), "Image height in pixels", 60),
                new Label("×"), field(f.widthProperty(), "Image width in pixels", 60));
        shape.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label("Channels × H × W"), shape);
        ChoiceBox<ChannelOrder> layout = new ChoiceBox<>();
        layout.getItems().setAll(ChannelOrder.values());
        layout.valueProperty().bindBidirectional(f.layoutProperty());
        layout.setTooltip(new Tooltip("The layout the network expects: NCHW (DL4J) or NHWC (Keras/TensorFlow)."
                + " The engine converts from NCHW."));
        grid.addRow(row++, label("Layout"), layout);
        HBox bounds = new HBox(6, field(f.lowerProperty(), "Smallest valid pixel value, e.g. 0", 70), new Label("to"),
                field(f.upperProperty(), "Largest valid pixel value, e.g. 1 or 255", 70));
        bounds.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, label("Pixel bounds"), bounds);
        grid.addRow(row++, label("Mean"), field(f.meanProperty(),
                "Per-channel mean subtracted inside the model, e.g. 0.485, 0.456, 0.406; blank for none", 200));
        grid.addRow(row++, label("Std"), field(f.stdProperty(),
                "Per-channel standard deviation divided inside the model; blank for none", 200));
        TextArea classes = new TextArea();
        classes.textProperty().bindBidirectional(f.classesProperty());
        classes.setPrefRowCount(8);
        classes.setPrefColumnCount(18);
        classes.setTooltip(new Tooltip("One class name per line (or comma-separated), one per network output"));
        grid.addRow(row++, label("Class names"), classes);

        Label error = new Label();
        error.setId("descriptionError");
        error.getStyleClass().add("validation-error");
        error.setWrapText(true);
        error.textProperty().bind(f.errorProperty());
        Button apply = new Button("Apply and reload");
        apply.setId("applyDescription");
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.applyDescription());
        apply.setTooltip(new Tooltip("Reload the model with this input description"));
        Button reset = new Button("Reset");
        reset.setOnAction(e -> vm.resetDescription());
        reset.setTooltip(new Tooltip("Put back the loaded model's description"));
        HBox buttons = new HBox(8, apply, reset);

        Label title = new Label("Input description");
        title.getStyleClass().add("section-title");
        Label help = new Label("Edit these when the model file does not describe its input: the engine feeds"
                + " pixels in the bounds below and normalises inside the model.");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        VBox box = new VBox(8, title, help, grid, error, buttons);
        box.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    private static TextField field(javafx.beans.property.StringProperty p, String tip, double width) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPrefWidth(width);
        t.setTooltip(new Tooltip(tip));
        return t;
    }

}
