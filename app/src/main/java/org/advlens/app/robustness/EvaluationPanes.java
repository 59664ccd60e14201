package org.advlens.app.robustness;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ErrorBanner;
import org.advlens.app.common.FormControls;
import org.advlens.app.curves.DataChoosers;

/** The parts every evaluation tab shares: the data chooser, the form frame, the result header and progress row. */
final class EvaluationPanes {

    private EvaluationPanes() {
    }

    /** The bundled-set / my-data chooser bound to {@code data}. */
    static VBox dataChooser(DataSelection data, DataChoosers choosers) {
        ToggleGroup group = new ToggleGroup();
        RadioButton bundled = new RadioButton("Bundled Fashion-MNIST test set");
        bundled.setToggleGroup(group);
        bundled.setTooltip(new Tooltip("The first 1000 Fashion-MNIST test images, bundled with AdvLens"));
        RadioButton own = new RadioButton("My data:");
        own.setToggleGroup(group);
        own.setTooltip(new Tooltip("An IDX image file with its labels, or a folder with one sub-folder per class"));
        Label name = new Label();
        name.getStyleClass().add("muted");
        name.textProperty().bind(Bindings.createStringBinding(() -> data.dataFileProperty().get() == null
                ? "none chosen" : data.dataFileProperty().get().getFileName() + (data.labelFileProperty().get() == null
                ? "" : " + " + data.labelFileProperty().get().getFileName()), data.dataFileProperty(),
                data.labelFileProperty()));
        Button idx = new Button("IDX file…");
        idx.setTooltip(new Tooltip("An idx3-ubyte image file (plain or .gz); its idx1 labels are found next to it"
                + " or chosen with Labels…"));
        idx.setOnAction(e -> choosers.chooseData(false, p -> {
            data.labelFileProperty().set(null);
            data.dataFileProperty().set(p);
        }));
        Button labels = new Button("Labels…");
        labels.setTooltip(new Tooltip("The idx1-ubyte label file for the IDX images"));
        labels.setOnAction(e -> choosers.chooseLabels(p -> data.labelFileProperty().set(p)));
        Button folder = new Button("Folder…");
        folder.setTooltip(new Tooltip("A folder with one sub-folder of images per class"));
        folder.setOnAction(e -> choosers.chooseData(true, p -> {
            data.labelFileProperty().set(null);
            data.dataFileProperty().set(p);
        }));
        HBox buttons = new HBox(6, idx, labels, folder);
        buttons.disableProperty().bind(own.selectedProperty().not());
        bundled.setSelected(data.dataFileProperty().get() == null);
        own.setSelected(data.dataFileProperty().get() != null);
        bundled.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                data.dataFileProperty().set(null);
                data.labelFileProperty().set(null);
            }
        });
        data.dataFileProperty().addListener((o, a, p) -> (p == null ? bundled : own).setSelected(true));
        return new VBox(4, FormControls.section("Data"), bundled, new HBox(6, own, name), buttons);
    }

    /**
     * A form: title, data chooser and parameter sections scrolling above the validation message and the
     * run / cancel buttons, which stay in view.
     */
    static BorderPane form(String prefix, String title, DataSelection data, DataChoosers choosers,
                           ObservableStringValue error, BooleanBinding canRun, EvaluationRun<?> run,
                           Runnable start, Runnable cancel, Node... sections) {
        Label heading = new Label(title);
        heading.getStyleClass().add("view-title");
        VBox content = new VBox(10, heading, dataChooser(data, choosers));
        content.getChildren().addAll(sections);
        content.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        Button runButton = new Button("Run");
        runButton.setId(prefix + "RunButton");
        runButton.getStyleClass().add("accent");
        runButton.disableProperty().bind(canRun.not());
        runButton.setOnAction(e -> start.run());
        runButton.setTooltip(new Tooltip("Run this evaluation with these settings (Ctrl+R or F5)"));
        runButton.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(runButton, Priority.ALWAYS);
        Button cancelButton = new Button("Cancel");
        cancelButton.setId(prefix + "CancelButton");
        cancelButton.disableProperty().bind(run.runningProperty().not());
        cancelButton.setOnAction(e -> cancel.run());
        cancelButton.setTooltip(new Tooltip("Stop the running evaluation at its next check; the last result stays"));
        VBox actions = new VBox(6, FormControls.errorLabel(prefix + "Error", error), new HBox(6, runButton,
                cancelButton));
        actions.setPadding(new Insets(8, 10, 10, 10));
        actions.getStyleClass().add("form-actions");

        BorderPane form = new BorderPane(scroll);
        form.getStyleClass().add("params-view");
        form.setBottom(actions);
        form.setMinWidth(260);
        form.setPrefWidth(330);
        return form;
    }

    /** A bound text field in a grid row with its label and tooltip. */
    static TextField field(GridPane grid, int row, String id, String label,
                           javafx.beans.property.StringProperty value, String tip) {
        TextField t = FormControls.text(id, value, "", tip);
        grid.addRow(row, FormControls.fieldLabel(label), t);
        return t;
    }

    /**
     * The result pane's top: title and export menu, the failure banner, and the progress row while running.
     *
     * @param export called with "png" or "json"
     */
    static VBox header(String prefix, ObservableStringValue title, EvaluationRun<?> run, Consumer<String> export) {
        Label heading = new Label();
        heading.setId(prefix + "Title");
        heading.getStyleClass().add("view-title");
        heading.textProperty().bind(title);
        heading.setMinWidth(0);
        MenuButton menu = new MenuButton("Export");
        menu.setId(prefix + "Export");
        menu.setTooltip(new Tooltip("Save the chart as PNG or the result as JSON"));
        for (String[] item : new String[][] {{"Chart as PNG…", "png"}, {"Result as JSON…", "json"}}) {
            MenuItem m = new MenuItem(item[0]);
            m.setOnAction(e -> export.accept(item[1]));
            menu.getItems().add(m);
        }
        menu.disableProperty().bind(run.resultProperty().isNull());
        menu.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, heading, spacer, menu);
        top.setAlignment(Pos.CENTER_LEFT);

        ErrorBanner error = new ErrorBanner(run.errorProperty(), run::dismissError);
        error.setId(prefix + "Failure");

        ProgressBar progress = new ProgressBar();
        progress.setId(prefix + "Progress");
        progress.progressProperty().bind(run.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label message = new Label();
        message.setId(prefix + "Message");
        message.textProperty().bind(run.messageProperty());
        message.setMinWidth(220);
        HBox progressRow = new HBox(8, progress, message);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(run.runningProperty().or(Bindings.isNotEmpty(run.messageProperty())));
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        return new VBox(6, top, error, progressRow);
    }

    /** A label for a measured value, with an id for tests. */
    static Label value(String id) {
        Label l = new Label("–");
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
