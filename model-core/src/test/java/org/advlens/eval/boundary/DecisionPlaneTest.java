package org.advlens.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.Norm;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.job.ProgressListener;
import org.junit.jupiter.api.Test;

class DecisionPlaneTest {

    private static Plane plane() {
        return PlaneDirections.build(BoundaryFixtures.model(), BoundaryFixtures.image(), -1, DirectionSpec.gradient(),
                DirectionSpec.random(3), 0.1, Norm.L2, CancellationToken.create());
    }

    @Test
    void paintedClassesAreTheClosedFormArgmaxOfTheLinearLogits() throws Exception {
        // given a linear model: z(a, b) = z(x) + a W u + b W v, so each boundary is the line z_k = z_m
        Plane plane = plane();
        PlaneSpec spec = PlaneSpec.square(41, 3.0);
        double[] z0 = BoundaryFixtures.logits(plane.origin());
        double[] wu = slope(plane.u());
        double[] wv = slope(plane.v());

        // when the plane is classified
        PlaneResult r = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane, spec, p -> { }));

        // then every cell away from a tie has the closed-form class, and several classes appear
        int checked = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int j = 0; j < 41; j++) {
            for (int i = 0; i < 41; i++) {
                double[] z = new double[3];
                for (int k = 0; k < 3; k++) {
                    z[k] = z0[k] + spec.a(i) * wu[k] + spec.b(j) * wv[k];
                }
                int best = argmax(z);
                double gap = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    if (k != best) {
                        gap = Math.min(gap, z[best] - z[k]);
                    }
                }
                if (gap > 1e-4) {
                    assertEquals(best, r.predictedAt(i, j), "cell (" + i + ", " + j + ")");
                    checked++;
                }
                seen.add(r.predictedAt(i, j));
            }
        }
        assertTrue(checked > 1600, "almost every cell is away from a tie: " + checked);
        assertTrue(seen.size() >= 2, "the extent crosses a boundary: " + seen);
        assertEquals(r.predictedAt(20, 20), r.originalClass(), "the centre cell is the image itself");
        assertTrue(r.complete());
    }

    @Test
    void marginAlongTheGradientMatchesTheClosedFormCrossing() throws Exception {
        Plane plane = plane();
        PlaneSpec spec = PlaneSpec.square(201, 3.0);
        PlaneResult r = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane, spec, p -> { }));
        double[] z0 = BoundaryFixtures.logits(plane.origin());
        double[] wu = slope(plane.u());
        int y = r.originalClass();
        // along +-u the class first changes where z_y + a wu_y = z_k + a wu_k for the nearest such a
        double exact = Double.POSITIVE_INFINITY;
        for (double a = 0; a <= 3.0; a += 1e-4) {
            for (double sa : new double[] {a, -a}) {
                double[] z = new double[3];
                for (int k = 0; k < 3; k++) {
                    z[k] = z0[k] + sa * wu[k];
                }
                if (argmax(z) != y) {
                    exact = Math.min(exact, a);
                }
            }
            if (exact < Double.POSITIVE_INFINITY) {
                break;
            }
        }
        double step = 2 * 3.0 / 200;
        assertTrue(Math.abs(r.margin(0) - exact) <= step, "grid margin " + r.margin(0) + " vs exact " + exact);
    }

    @Test
    void coarsePassCellsEqualTheSameCellsOfTheFullPass() throws Exception {
        Plane plane = plane();
        List<PlaneResult> partials = new ArrayList<>();
        PlaneSpec progressive = PlaneSpec.square(33, 3.0).withBatchSize(50);
        PlaneResult full = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane, progressive,
                partials::add));
        PlaneResult direct = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane,
                progressive.withCoarseStride(1), p -> { }));

        assertFalse(partials.isEmpty());
        PlaneResult coarse = partials.get(0);
        assertFalse(coarse.complete());
        assertEquals(4, coarse.exactStride());
        for (int j = 0; j < 33; j += 4) {
            for (int i = 0; i < 33; i += 4) {
                assertEquals(direct.predictedAt(i, j), coarse.predictedAt(i, j), "cell (" + i + ", " + j + ")");
                assertArrayEquals(direct.probabilitiesAt(i, j), coarse.probabilitiesAt(i, j), 1e-6f);
            }
        }
        // a block's other cells repeat its corner while coarse
        assertEquals(coarse.predictedAt(4, 8), coarse.predictedAt(7, 11));
        assertArrayEquals(direct.predicted(), full.predicted());
        assertTrue(partials.size() > 2, "refinement publishes bands as it goes: " + partials.size());
    }

    @Test
    void unclippedByDefaultAndClippedOnRequest() throws Exception {
        Plane plane = plane();
        PlaneSpec spec = PlaneSpec.square(5, 10.0);
        PlaneResult r = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane, spec, p -> { }));
        float[] corner = r.imageAt(0, 0, 0, 1);
        boolean outside = false;
        for (float p : corner) {
            outside |= p < 0 || p > 1;
        }
        assertTrue(outside, "10 L2 units from the image leaves the box when unclipped");
        PlaneResult clipped = Jobs.runNow(new DecisionPlane(BoundaryFixtures.model(), plane, spec.withClip(true),
                p -> { }));
        for (float p : clipped.imageAt(0, 0, 0, 1)) {
            assertTrue(p >= 0 && p <= 1, "clipped value " + p);
        }
        double[] z = BoundaryFixtures.logits(clipped.imageAt(0, 0, 0, 1));
        assertEquals(argmax(z), clipped.predictedAt(0, 0));
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        CancellationToken token = CancellationToken.create();
        List<Double> seen = new ArrayList<>();
        ProgressListener cancelAfterFirst = (f, m) -> {
            seen.add(f);
            token.cancel();
        };
        DecisionPlane job = new DecisionPlane(BoundaryFixtures.model(), plane(),
                PlaneSpec.square(21, 1.0).withBatchSize(10), p -> { });
        assertThrows(CancelledException.class, () -> job.run(cancelAfterFirst, token));
        assertEquals(1, seen.size());
    }

    @Test
    void invalidGridsAreRejectedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlaneSpec.square(1, 1.0)).getMessage()
                .contains("got 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlaneSpec.square(11, 0.0)).getMessage()
                .contains("> 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PlaneSpec(11, 1, 1, false, 11, 10)).getMessage().contains("coarse stride"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PlaneSpec(11, 1, Double.NaN, false, 2, 10)).getMessage().contains("NaN"));
    }

    private static double[] slope(float[] d) {
        float[][] w = BoundaryFixtures.weights();
        double[] s = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            for (int i = 0; i < d.length; i++) {
                s[k] += (double) w[k][i] * d[i];
            }
        }
        return s;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            best = z[k] > z[best] ? k : best;
        }
        return best;
    }
}
