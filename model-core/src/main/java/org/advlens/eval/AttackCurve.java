package org.advlens.eval;

import java.util.List;
import org.advlens.attack.AttackParams;

/** All points of one attack's accuracy-versus-epsilon curve, in increasing epsilon order. */
public record AttackCurve(String attack, AttackParams params, List<CurvePoint> points) {

    public AttackCurve {
        points = List.copyOf(points);
    }
}
