package org.advlens.app.train;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.SplitPane;

/** The training view: the form on the left, the live per-epoch chart of the run on the right. */
public final class TrainingView extends SplitPane {

    /**
     * @param choosers file choosers of the main window
     * @param dark whether the dark theme is on (the chart follows it)
     */
    public TrainingView(TrainingViewModel vm, TrainingChoosers choosers, ObservableBooleanValue dark) {
        getStyleClass().add("training-view");
        setId("trainingView");
        TrainingFormView form = new TrainingFormView(vm, choosers);
        form.setMinWidth(280);
        form.setPrefWidth(360);
        getItems().addAll(form, new TrainingChartView(vm, dark));
        setDividerPositions(0.3);
        SplitPane.setResizableWithParent(form, false);
    }
}
