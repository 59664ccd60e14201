package org.advlens.app.report;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.advlens.app.common.FileDialogs;
import org.advlens.report.html.BatteryPresets;

/**
 * File &gt; Write Robustness Report…: the preset, the data, an optional second model, the output folder and the time
 * estimate; Write runs the battery as a job with progress and Cancel, and Open Report shows the finished page in
 * the system browser. The dialog only binds; {@link ReportViewModel} does the work.
 */
public final class ReportDialog extends Stage {

    private final ReportViewModel vm;

    /**
     * @param opener shows a written report (the system browser)
     */
    public ReportDialog(Window owner, ReportViewModel vm, FileDialogs dialogs, Consumer<Path> opener) {
        this.vm = vm;
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Write Robustness Report");

        ChoiceBox<String> preset = new ChoiceBox<>();
        preset.getItems().setAll(BatteryPresets.NAMES);
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setId("reportPreset");

        Label batteryFile = new Label();
        batteryFile.textProperty().bind(Bindings.createStringBinding(() -> vm.batteryFileProperty().get() == null
                ? "" : "JSON: " + vm.batteryFileProperty().get().getFileName(), vm.batteryFileProperty()));
        Button chooseBattery = new Button("JSON…");
        chooseBattery.setOnAction(e -> dialogs.open(this, "Battery file (JSON)", new javafx.stage.FileChooser
                .ExtensionFilter("Battery JSON", "*.json")).ifPresent(vm.batteryFileProperty()::set));
        Button clearBattery = new Button("Use Preset");
        clearBattery.setOnAction(e -> vm.batteryFileProperty().set(null));
        clearBattery.disableProperty().bind(vm.batteryFileProperty().isNull());
        preset.disableProperty().bind(vm.batteryFileProperty().isNotNull());

        ToggleGroup dataGroup = new ToggleGroup();
        RadioButton bundled = new RadioButton("Bundled test set (1,000 Fashion-MNIST images)");
        RadioButton current = new RadioButton("Robustness page's data set: " + vm.dataDescription());
        bundled.setToggleGroup(dataGroup);
        current.setToggleGroup(dataGroup);
        current.setDisable(!vm.hasCurrentData());
        (vm.bundledDataProperty().get() ? bundled : current).setSelected(true);
        bundled.selectedProperty().addListener((o, a, b) -> vm.bundledDataProperty().set(b));

        Label compare = new Label();
        compare.textProperty().bind(Bindings.createStringBinding(() -> vm.compareModelProperty().get() == null
                ? "none" : vm.compareModelProperty().get().getFileName().toString(), vm.compareModelProperty()));
        Button chooseCompare = new Button("Choose…");
        chooseCompare.setOnAction(e -> dialogs.open(this, "Model to compare with", FileDialogs.MODELS)
                .ifPresent(vm.compareModelProperty()::set));
        Button clearCompare = new Button("Clear");
        clearCompare.setOnAction(e -> vm.compareModelProperty().set(null));
        clearCompare.disableProperty().bind(vm.compareModelProperty().isNull());

        Label folder = new Label();
        folder.textProperty().bind(Bindings.createStringBinding(() -> String.valueOf(vm.outputFolderProperty().get()),
                vm.outputFolderProperty()));
        folder.setMaxWidth(360);
        Button chooseFolder = new Button("Choose…");
        chooseFolder.setOnAction(e -> dialogs.folder(this, "Folder for report.html")
                .ifPresent(vm.outputFolderProperty()::set));

        Label estimate = new Label();
        estimate.setId("reportEstimate");
        estimate.setWrapText(true);
        estimate.setMaxWidth(460);
        estimate.setPrefWidth(460);
        estimate.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        estimate.textProperty().bind(vm.estimateProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Battery"), new HBox(6, preset, chooseBattery, clearBattery, batteryFile));
        form.addRow(1, new Label("Data"), new VBox(4, bundled, current));
        form.addRow(2, new Label("Compare with"), new HBox(6, compare, chooseCompare, clearCompare));
        form.addRow(3, new Label("Output folder"), new HBox(6, folder, chooseFolder));
        form.addRow(4, new Label("Estimated time"), estimate);

        ProgressBar bar = new ProgressBar(0);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());

        Button write = new Button("Write Report");
        write.setId("reportWrite");
        write.setDefaultButton(true);
        write.disableProperty().bind(vm.canWriteProperty().not());
        write.setOnAction(e -> vm.writeReport());
        Button cancel = new Button("Cancel");
        cancel.setId("reportCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button open = new Button("Open Report");
        open.setId("reportOpen");
        open.disableProperty().bind(vm.writtenReportProperty().isNull());
        open.setOnAction(e -> opener.accept(vm.writtenReportProperty().get()));
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> close());
        HBox buttons = new HBox(8, write, cancel, open, close);

        VBox root = new VBox(12, form, bar, message, error, buttons);
        root.setPadding(new Insets(16));
        VBox.setVgrow(form, Priority.ALWAYS);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        setScene(scene);

        vm.estimateProperty().addListener((o, a, b) -> sizeToScene());
        vm.presetProperty().addListener((o, a, b) -> vm.estimate());
        vm.batteryFileProperty().addListener((o, a, b) -> vm.estimate());
        vm.bundledDataProperty().addListener((o, a, b) -> vm.estimate());
        vm.compareModelProperty().addListener((o, a, b) -> vm.estimate());
        vm.estimate();
    }

    /** The dialog's state. */
    public ReportViewModel viewModel() {
        return vm;
    }
}
