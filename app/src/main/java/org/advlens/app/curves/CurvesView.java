package org.advlens.app.curves;

import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.SplitPane;

/**
 * The curves view: the form on the left, the live chart with its warnings in the middle, and the diagnostics and
 * minimum-norm panel on the right.
 */
public final class CurvesView extends SplitPane {

    /**
     * @param choosers file choosers of the main window
     * @param export asks the main window for a target file of the given extension and exports to it
     * @param dark whether the dark theme is on (the chart follows it)
     */
    public CurvesView(CurvesViewModel vm, DataChoosers choosers, Consumer<String> export,
                      ObservableBooleanValue dark) {
        getStyleClass().add("curves-view");
        setId("curvesView");
        CurveFormView form = new CurveFormView(vm, choosers);
        form.setMinWidth(260);
        form.setPrefWidth(330);
        javafx.scene.control.ScrollPane checks = new javafx.scene.control.ScrollPane(new CurveChecksView(vm));
        checks.setFitToWidth(true);
        checks.setFitToHeight(true);
        checks.setId("curveChecks");
        checks.setMinWidth(240);
        checks.setPrefWidth(320);
        getItems().addAll(form, new CurveChartView(vm, export, dark), checks);
        setDividerPositions(0.24, 0.74);
        SplitPane.setResizableWithParent(form, false);
        SplitPane.setResizableWithParent(checks, false);
    }
}
