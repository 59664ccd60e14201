package org.advlens.app.faithfulness;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A saliency method offered on the form, and whether it is ticked. */
public final class MethodChoice {

    private final String name;
    private final String displayName;
    private final BooleanProperty selected;

    MethodChoice(String name, String displayName, boolean selected) {
        this.name = name;
        this.displayName = displayName;
        this.selected = new SimpleBooleanProperty(this, "selected", selected);
    }

    /** The method's registry name. */
    public String name() {
        return name;
    }

    /** The name shown on its check box. */
    public String displayName() {
        return displayName;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }
}
