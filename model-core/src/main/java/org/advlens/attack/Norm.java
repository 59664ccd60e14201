package org.advlens.attack;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The perturbation norms of the gradient attacks. Each supplies only the norm-specific parts of the shared
 * attack loop (Foolbox 3's design): measuring, normalising a gradient into an ascent direction, projecting
 * onto the epsilon ball, and drawing a random start inside it.
 */
public enum Norm {
    /** Max-norm: every pixel may move by at most epsilon. */
    LINF,
    /** Euclidean norm over all pixels of one image. */
    L2;

    private static final double TINY = 1e-12;

    public static Norm parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "");
        return switch (t) {
            case "linf", "inf", "l∞" -> LINF;
            case "l2", "2" -> L2;
            default -> throw new IllegalArgumentException("unknown norm '" + text + "': expected linf or l2");
        };
    }

    public String label() {
        return this == LINF ? "linf" : "l2";
    }

    /** Per-example norm of a batch {@code [n, ...]}. */
    public double[] measure(INDArray delta) {
        INDArray flat = delta.reshape(delta.size(0), -1);
        INDArray n = this == LINF ? flat.amax(1) : flat.norm2(1);
        return n.toDoubleVector();
    }

    /** The steepest-ascent direction of unit size for this norm: sign for L-inf, unit L2 vector for L2. */
    public INDArray direction(INDArray gradient) {
        if (this == LINF) {
            return Transforms.sign(gradient, true);
        }
        INDArray flat = gradient.reshape(gradient.size(0), -1);
        INDArray norms = flat.norm2(1).addi(TINY).reshape(gradient.size(0), 1);
        return flat.divColumnVector(norms).reshape(gradient.shape());
    }

    /** Projects each example's perturbation onto the ball of radius {@code epsilon}, in place. */
    public INDArray project(INDArray delta, double epsilon) {
        if (this == LINF) {
            return Transforms.min(Transforms.max(delta, -epsilon, false), epsilon, false);
        }
        INDArray flat = delta.reshape(delta.size(0), -1);
        INDArray norms = flat.norm2(1);
        double[] n = norms.toDoubleVector();
        double[] factor = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            factor[i] = n[i] > epsilon ? epsilon / n[i] : 1.0;
        }
        INDArray f = Nd4j.createFromArray(factor).castTo(delta.dataType()).reshape(n.length, 1);
        return flat.muliColumnVector(f).reshape(delta.shape());
    }

    /**
     * A random perturbation inside the ball of radius {@code epsilon}: uniform in the L-inf cube, or uniform in
     * the L2 ball (Gaussian direction, radius {@code eps * u^(1/d)}).
     */
    public INDArray randomStart(long[] shape, double epsilon, SeededNoise rng) {
        if (this == LINF) {
            return rng.uniform(shape).muli(2 * epsilon).subi(epsilon);
        }
        INDArray g = rng.gaussian(shape);
        INDArray dir = direction(g);
        long d = 1;
        for (int i = 1; i < shape.length; i++) {
            d *= shape[i];
        }
        INDArray u = rng.uniform(shape[0], 1);
        INDArray radius = Transforms.pow(u, 1.0 / d, false).muli(epsilon);
        return dir.reshape(shape[0], -1).muliColumnVector(radius).reshape(shape);
    }
}
