package org.advlens.app.robustness;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import org.advlens.app.curves.DataChoosers;

/**
 * The robustness view: one tab per evaluation (certification, corruptions, OOD detection, calibration), each with
 * its form on the left and its charts and numbers on the right. The data chooser is shared by all four.
 */
public final class RobustnessView extends TabPane {

    /**
     * @param choosers file choosers of the main window
     * @param save asks the main window for a file to export to
     */
    public RobustnessView(RobustnessViewModel vm, DataChoosers choosers, SaveTarget save) {
        setId("robustnessView");
        getStyleClass().add("robustness-view");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().setAll(
                tab(Evaluation.CERTIFICATION, new CertificationView(vm.certification(), vm.data(), choosers, save)),
                tab(Evaluation.CORRUPTIONS, new CorruptionView(vm.corruptions(), vm.data(), choosers, save)),
                tab(Evaluation.OOD, new OodView(vm.ood(), vm.data(), choosers, save)),
                tab(Evaluation.CALIBRATION, new CalibrationView(vm.calibration(), vm.data(), choosers, save)));
        getSelectionModel().select(vm.evaluationProperty().get().ordinal());
        getSelectionModel().selectedIndexProperty().addListener((o, a, i) ->
                vm.evaluationProperty().set(Evaluation.values()[i.intValue()]));
        vm.evaluationProperty().addListener((o, a, e) -> getSelectionModel().select(e.ordinal()));
    }

    private static Tab tab(Evaluation e, Node content) {
        Tab t = new Tab(e.title(), content);
        t.setId("robustness-" + e.name().toLowerCase(java.util.Locale.ROOT));
        t.setTooltip(new Tooltip(e.description()));
        return t;
    }
}
