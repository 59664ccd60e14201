package org.advlens.app.attack;

import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;

/**
 * The attack view: the parameter form on the left and the result on the right. The gallery of images sits
 * beside it in the main window.
 */
public final class AttackView extends SplitPane {

    public AttackView(AttackViewModel vm) {
        getStyleClass().add("attack-view");
        setId("attackView");
        ScrollPane params = new ScrollPane(new AttackParamsView(vm));
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
