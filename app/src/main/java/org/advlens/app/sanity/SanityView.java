package org.advlens.app.sanity;

import static org.advlens.app.common.FormControls.fieldLabel;
import static org.advlens.app.common.FormControls.intSpinner;
import static org.advlens.app.common.FormControls.section;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.FormControls;
import org.advlens.saliency.sanity.Randomization;

/**
 * The sanity-check view: the settings on the left; on the right the grid of maps (method x randomisation step)
 * and the similarity curves ({@link SanityResultView}).
 */
public final class SanityView extends SplitPane {

    /**
     * @param exportGrid asks the main window for a PNG file and exports the grid to it
     * @param exportCurves asks for a file of the given extension ("json", "csv", "png") and exports the curves
     */
    public SanityView(SanityViewModel vm, Runnable exportGrid, Consumer<String> exportCurves) {
        getStyleClass().add("sanity-view");
        setId("sanityView");
        SanitySettings s = vm.settings();
        VBox form = new VBox(10);
        form.setPadding(new Insets(10));

        VBox methods = new VBox(4);
        for (String name : s.methodNames()) {
            CheckBox box = new CheckBox(s.displayName(name));
            box.setId("sanityMethod-" + name);
            box.selectedProperty().bindBidirectional(s.chosenProperty(name));
            box.setTooltip(new Tooltip("Check " + s.displayName(name) + " (default settings)"));
            methods.getChildren().add(box);
        }
        ComboBox<Randomization> mode = new ComboBox<>();
        mode.getItems().setAll(Randomization.CASCADING, Randomization.INDEPENDENT);
        mode.valueProperty().bindBidirectional(s.randomizationProperty());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Randomization r) {
                return r == null ? "" : r == Randomization.CASCADING ? "Cascading" : "Independent";
            }

            @Override
            public Randomization fromString(String t) {
                return null;
            }
        });
        FormControls.tip("sanityMode", mode, "Cascading re-initialises the layers from the output down, one more per"
                + " step; independent re-initialises one layer at a time");
        GridPane grid = FormControls.grid();
        grid.addRow(0, fieldLabel("Randomization"), mode);
        grid.addRow(1, fieldLabel("Images"), intSpinner("sanityImages", 1, SanitySettings.MAX_IMAGES,
                s.imagesProperty(), "How many images of the bundled evaluation set to compare; the time grows with"
                        + " it"));
        grid.addRow(2, fieldLabel("Seed"), FormControls.text("sanitySeed", s.seedProperty(), "0",
                "Seed of the re-initialisation: the same seed gives the same randomised models"));

        Label error = FormControls.errorLabel(null, s.errorProperty());

        Button run = new Button("Run check");
        run.setId("runSanityButton");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runCheck());
        run.setTooltip(new Tooltip("Run the model parameter randomization test (Ctrl+R or F5)"));
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelSanityButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop the running check"));
        Button data = new Button("Data randomization test…");
        data.setId("dataRandomizationButton");
        data.setMaxWidth(Double.MAX_VALUE);
        data.disableProperty().bind(vm.canRunProperty().not());
        data.setTooltip(new Tooltip("Train a copy of the model on permuted labels and compare its maps ("
                + SanityViewModel.DATA_RANDOMIZATION_DURATION + ")"));
        data.setOnAction(e -> confirmDataRandomization(vm));

        ProgressBar progress = new ProgressBar();
        progress.setId("sanityProgress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(vm.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label message = new Label();
        message.setId("sanityMessage");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        Label title = new Label("Sanity checks");
        title.getStyleClass().add("view-title");
        Label about = new Label("Adebayo et al. (2018): a map that stays the same when the model's weights are"
                + " randomised does not explain the model.");
        about.setWrapText(true);
        about.getStyleClass().add("muted");
        form.getChildren().addAll(title, about, section("Methods"), methods, grid, error, new HBox(8, run, cancel),
                progress, message, section("Data randomization"), data);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        formScroll.setMinWidth(250);
        formScroll.setPrefWidth(320);

        MenuButton export = new MenuButton("Export");
        export.setId("sanityExport");
        export.setTooltip(new Tooltip("Save the grid of the image shown, or the curves as data or chart"));
        MenuItem gridPng = new MenuItem("Grid as PNG…");
        gridPng.setOnAction(e -> exportGrid.run());
        export.getItems().add(gridPng);
        for (String[] item : new String[][] {{"Curves as JSON…", "json"}, {"Curves as CSV…", "csv"},
                {"Curves chart as PNG…", "png"}}) {
            MenuItem m = new MenuItem(item[0]);
            m.setOnAction(e -> exportCurves.accept(item[1]));
            export.getItems().add(m);
        }
        export.disableProperty().bind(vm.resultProperty().isNull());
        getItems().addAll(formScroll, new SanityResultView(vm, export));
        setDividerPositions(0.25);
        SplitPane.setResizableWithParent(formScroll, false);
    }

    private void confirmDataRandomization(SanityViewModel vm) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "This trains a copy of the bundled architecture on"
                + " Fashion-MNIST with permuted labels, then compares the maps of both models. It takes "
                + SanityViewModel.DATA_RANDOMIZATION_DURATION + " and keeps the engine busy; you can cancel it"
                + " from the jobs panel.", ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText("Run the data randomization test?");
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
            a.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.runDataRandomization());
    }
}
