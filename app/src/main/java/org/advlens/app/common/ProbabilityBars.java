package org.advlens.app.common;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * A small horizontal bar chart of class probabilities: one row per class with its name, a bar and the
 * percentage. The row of {@link #highlightProperty() the highlighted class} (the true label) is marked.
 */
public final class ProbabilityBars extends GridPane {

    private final ObjectProperty<List<ClassScore>> scores = new SimpleObjectProperty<>(this, "scores", List.of());
    private final IntegerProperty highlight = new SimpleIntegerProperty(this, "highlight", -1);

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        setHgap(6);
        setVgap(3);
        ColumnConstraints name = new ColumnConstraints(60, 90, 150);
        ColumnConstraints bar = new ColumnConstraints(40, 120, Double.MAX_VALUE);
        bar.setHgrow(Priority.ALWAYS);
        ColumnConstraints pct = new ColumnConstraints(56);
        pct.setMinWidth(56);
        pct.setHalignment(javafx.geometry.HPos.RIGHT);
        getColumnConstraints().setAll(name, bar, pct);
        scores.addListener((o, a, b) -> rebuild());
        highlight.addListener((o, a, b) -> rebuild());
        rebuild();
    }

    public ObjectProperty<List<ClassScore>> scoresProperty() {
        return scores;
    }

    /** The class index whose row is marked (the true label), or -1. */
    public IntegerProperty highlightProperty() {
        return highlight;
    }

    private void rebuild() {
        getChildren().clear();
        List<ClassScore> list = scores.get() == null ? List.of() : scores.get();
        if (list.isEmpty()) {
            Label none = new Label("—");
            none.getStyleClass().add("muted");
            add(none, 0, 0, 3, 1);
            return;
        }
        for (int row = 0; row < list.size(); row++) {
            ClassScore s = list.get(row);
            boolean marked = s.index() == highlight.get();
            Label name = new Label(s.name());
            name.getStyleClass().add("prob-name");
            name.setTooltip(new Tooltip("class " + s.index() + ": " + s.name() + (marked ? " (true label)" : "")));
            Region fill = new Region();
            fill.getStyleClass().addAll("prob-fill", row == 0 ? "prob-fill-top" : "prob-fill-other");
            if (marked) {
                fill.getStyleClass().add("prob-fill-true");
                name.getStyleClass().add("prob-name-true");
            }
            StackPane track = new StackPane(fill);
            track.getStyleClass().add("prob-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinHeight(14);
            double p = Math.max(0, Math.min(1, s.probability()));
            fill.maxWidthProperty().bind(track.widthProperty().multiply(p));
            fill.prefWidthProperty().bind(track.widthProperty().multiply(p));
            fill.setMinWidth(p > 0 ? 1 : 0);
            Label pct = new Label(Formats.percent(s.probability()));
            pct.getStyleClass().add("prob-value");
            addRow(row, name, track, pct);
        }
    }
}
