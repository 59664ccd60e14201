package org.advlens.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small builders for parameter forms: bound spinners and text fields with tooltips, labels, two-column grids. */
public final class FormControls {

    private FormControls() {
    }

    /** An editable whole-number spinner bound both ways to {@code value}; typed text is committed on focus loss. */
    public static Spinner<Integer> intSpinner(String id, int min, int max, ObjectProperty<Integer> value, String tip) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value.get() == null ? min : value.get());
        spinner.setValueFactory(f);
        f.valueProperty().bindBidirectional(value);
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
        spinner.setPrefWidth(110);
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                try {
                    spinner.getValueFactory().setValue(Integer.parseInt(spinner.getEditor().getText().strip()));
                } catch (NumberFormatException e) {
                    spinner.getEditor().setText(String.valueOf(spinner.getValue()));
                }
            }
        });
        return tip(id, spinner, tip);
    }

    /** A text field bound both ways to {@code value}. */
    public static TextField text(String id, javafx.beans.property.StringProperty value, String prompt, String tip) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setPromptText(prompt);
        field.setPrefColumnCount(6);
        return tip(id, field, tip);
    }

    public static <C extends Control> C tip(String id, C control, String tip) {
        if (id != null) {
            control.setId(id);
        }
        control.setTooltip(new Tooltip(tip));
        return control;
    }

    /** A wrapping validation message bound to {@code error}; hidden and taking no space while it is empty. */
    public static Label errorLabel(String id, javafx.beans.value.ObservableStringValue error) {
        Label l = new Label();
        if (id != null) {
            l.setId(id);
        }
        l.getStyleClass().add("validation-error");
        l.setWrapText(true);
        l.textProperty().bind(error);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    public static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    public static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** A grid of label / control rows whose second column grows. */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        grid.getColumnConstraints().setAll(c0, c1);
        return grid;
    }
}
