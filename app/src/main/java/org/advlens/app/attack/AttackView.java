package org.advlens.app.attack;

import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;

/**
 * The attack view: the parameter form on the left and the result on the right. The gallery of images sits
 * beside it in the main window.
 */
public final class AttackView extends SplitPane {

    /** @param export asks the main window for a folder and exports the result to it */
    public AttackView(AttackViewModel vm, Runnable export) {
        getStyleClass().add("attack-view");
        setId("attackView");
        ScrollPane params = new ScrollPane(new AttackParamsView(vm, export));
        params.setFitToWidth(true);
        params.setMinWidth(250);
        params.setPrefWidth(340);
        ScrollPane result = new ScrollPane(new AttackResultView(vm));
        result.setFitToWidth(true);
        result.setFitToHeight(true);
        getItems().addAll(params, result);
        setDividerPositions(0.31);
        SplitPane.setResizableWithParent(params, false);
    }
}
