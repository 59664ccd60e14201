package org.advlens.attack;

/** The size of a perturbation that a minimisation attack makes small: changed values, Euclidean or max-norm. */
public enum DistanceMeasure {
    /** Number of values (pixels times channels) that changed. */
    L0,
    /** Euclidean norm over all values of one image. */
    L2,
    /** Largest change of any value. */
    LINF;

    public static DistanceMeasure of(Norm norm) {
        return norm == Norm.L2 ? L2 : LINF;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** This measure of each example, picked from norms the engine measured. */
    public double[] pick(double[] l0, double[] l2, double[] linf) {
        return switch (this) {
            case L0 -> l0.clone();
            case L2 -> l2.clone();
            case LINF -> linf.clone();
        };
    }
}
