package org.advlens.app.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A warning strip that shows a message while it is not empty, with a button to dismiss it. */
public final class ErrorBanner extends HBox {

    private final Label text = new Label();

    public ErrorBanner(ObservableStringValue message, Runnable dismiss) {
        getStyleClass().add("error-banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(6, 10, 6, 10));
        Label icon = Icons.warning();
        text.textProperty().bind(message);
        text.setWrapText(true);
        text.getStyleClass().add("error-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button("✕");
        close.getStyleClass().add("flat-button");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> dismiss.run());
        getChildren().addAll(icon, text, close);
        visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> message.get() != null && !message.get().isEmpty(), message));
        managedProperty().bind(visibleProperty());
    }

    /** The label that shows the message (for tests and accessibility). */
    public Label textLabel() {
        return text;
    }
}
