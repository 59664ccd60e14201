package org.advlens.app.curves;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.eval.CurvePoint;

/** One attack's curve of one run, filling point by point while the run goes on. Changed on the FX thread. */
public final class LiveCurve {

    /** How the run that draws this curve is doing. */
    public enum State { RUNNING, DONE, CANCELLED, FAILED }

    private final String key;
    private final String attack;
    private final int run;
    private final ObservableList<CurvePoint> points = FXCollections.observableArrayList();
    // One read-only view, kept: a wrapper made per call listens only weakly and stops once collected.
    private final ObservableList<CurvePoint> readOnlyPoints = FXCollections.unmodifiableObservableList(points);
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.RUNNING);

    LiveCurve(String key, String attack, int run) {
        this.key = key;
        this.attack = attack;
        this.run = run;
    }

    void add(CurvePoint p) {
        points.add(p);
    }

    void finish(State s) {
        if (state.get() == State.RUNNING) {
            state.set(s);
        }
    }

    /** The legend entry, unique among the curves shown. */
    public String key() {
        return key;
    }

    public String attack() {
        return attack;
    }

    public int run() {
        return run;
    }

    public ObservableList<CurvePoint> points() {
        return readOnlyPoints;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }
}
