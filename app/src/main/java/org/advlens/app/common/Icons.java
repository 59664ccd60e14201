package org.advlens.app.common;

import javafx.scene.control.Label;

/** Small text icons drawn from the font, styled by CSS (no image files). */
public final class Icons {

    private Icons() {
    }

    /** A warning sign. */
    public static Label warning() {
        return icon("⚠", "icon-warning");
    }

    /** An error sign. */
    public static Label error() {
        return icon("✖", "icon-error");
    }

    /** An information sign. */
    public static Label info() {
        return icon("ℹ", "icon-info");
    }

    private static Label icon(String glyph, String styleClass) {
        Label l = new Label(glyph);
        l.getStyleClass().addAll("icon", styleClass);
        return l;
    }
}
