package org.advlens.eval.boundary;

import org.advlens.attack.Norm;

/**
 * A 2-D plane {@code x + a.u + b.v} through an image in pixel space, with orthonormal {@code u} and {@code v}.
 * Plain data: row-major {@code [channels, height, width]} float arrays.
 *
 * @param origin the image {@code x}
 * @param u first unit direction
 * @param v second unit direction, orthogonal to {@code u}
 * @param channels image channels
 * @param height image height
 * @param width image width
 * @param uLabel what {@code u} is, for legends
 * @param vLabel what {@code v} is, for legends
 * @param label the class the gradient and attack directions were taken against
 * @param adversarial the plane coordinates {@code (a, b)} of the first attack direction's adversarial example, or
 *                    {@code null} when neither direction is an attack
 * @param epsilon the budget whose ball the views outline
 * @param norm the norm of that ball
 */
public record Plane(float[] origin, float[] u, float[] v, int channels, int height, int width, String uLabel,
                    String vLabel, int label, double[] adversarial, double epsilon, Norm norm) {

    private static final double UNIT_TOLERANCE = 1e-3;

    public Plane {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x"
                    + width);
        }
        int size = channels * height * width;
        if (origin == null || u == null || v == null || origin.length != size || u.length != size
                || v.length != size) {
            throw new IllegalArgumentException("origin, u and v need " + size + " values each");
        }
        if (Math.abs(dot(u, u) - 1) > UNIT_TOLERANCE || Math.abs(dot(v, v) - 1) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException("u and v must have unit length, got |u|^2=" + dot(u, u) + ", |v|^2="
                    + dot(v, v));
        }
        if (Math.abs(dot(u, v)) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException("u and v must be orthogonal, got u.v=" + dot(u, v));
        }
        if (adversarial != null && adversarial.length != 2) {
            throw new IllegalArgumentException("adversarial coordinates need 2 values, got " + adversarial.length);
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        origin = origin.clone();
        u = u.clone();
        v = v.clone();
        adversarial = adversarial == null ? null : adversarial.clone();
    }

    @Override
    public float[] origin() {
        return origin.clone();
    }

    @Override
    public float[] u() {
        return u.clone();
    }

    @Override
    public float[] v() {
        return v.clone();
    }

    @Override
    public double[] adversarial() {
        return adversarial == null ? null : adversarial.clone();
    }

    public int size() {
        return origin.length;
    }

    /** The image {@code x + a.u + b.v}, optionally clipped to {@code [lower, upper]}. */
    public float[] pointAt(double a, double b, boolean clip, double lower, double upper) {
        float[] out = new float[origin.length];
        writePoint(a, b, clip, lower, upper, out, 0);
        return out;
    }

    void writePoint(double a, double b, boolean clip, double lower, double upper, float[] out, int offset) {
        for (int i = 0; i < origin.length; i++) {
            double p = origin[i] + a * u[i] + b * v[i];
            if (clip) {
                p = Math.min(upper, Math.max(lower, p));
            }
            out[offset + i] = (float) p;
        }
    }

    /**
     * The outline of the epsilon ball's slice through this plane, as {@code points} (a, b) pairs around the origin.
     * For L2 it is the circle of radius epsilon. For L-inf the slice of the cube is the polygon
     * {@code |a.u_i + b.v_i| <= eps} for every pixel, whose radius at angle t is
     * {@code eps / max_i |cos(t).u_i + sin(t).v_i|}: a square only when u and v are sign vectors on disjoint pixels.
     */
    public double[][] ballOutline(int points) {
        if (points < 3) {
            throw new IllegalArgumentException("an outline needs at least 3 points, got " + points);
        }
        double[][] out = new double[points][2];
        for (int k = 0; k < points; k++) {
            double t = 2 * Math.PI * k / points;
            double c = Math.cos(t);
            double s = Math.sin(t);
            double r = epsilon;
            if (norm == Norm.LINF) {
                double max = 0;
                for (int i = 0; i < u.length; i++) {
                    max = Math.max(max, Math.abs(c * u[i] + s * v[i]));
                }
                r = max > 0 ? epsilon / max : 0;
            }
            out[k][0] = r * c;
            out[k][1] = r * s;
        }
        return out;
    }

    /** The largest distance from the origin to the ball's outline in this plane. */
    public double ballRadius() {
        double max = 0;
        for (double[] p : ballOutline(360)) {
            max = Math.max(max, Math.hypot(p[0], p[1]));
        }
        return max;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
