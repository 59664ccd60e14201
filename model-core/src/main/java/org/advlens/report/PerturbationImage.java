package org.advlens.report;

import org.advlens.data.Images;
import org.advlens.model.InputSpec;

/**
 * A perturbation made visible: {@code mid + amplification * (adversarial - clean)}, where {@code mid} is the
 * middle of the model's value range (so zero change shows as mid-grey) and the amplification maps the largest
 * absolute change to the edge of the range. The factor is kept so reports can state it.
 *
 * @param image the visible perturbation, inside the model's bounds
 * @param amplification the factor the change was multiplied by (1 when nothing changed)
 */
public record PerturbationImage(Images image, double amplification) {

    public PerturbationImage {
        if (image == null || !(amplification > 0) || !Double.isFinite(amplification)) {
            throw new IllegalArgumentException("need an image and a positive finite amplification, got "
                    + amplification);
        }
    }

    public static PerturbationImage of(Images clean, Images adversarial, InputSpec spec) {
        if (clean.count() != adversarial.count() || clean.imageSize() != adversarial.imageSize()) {
            throw new IllegalArgumentException("clean " + clean + " and adversarial " + adversarial
                    + " images differ in shape");
        }
        float[] a = clean.pixels();
        float[] b = adversarial.pixels();
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs((double) b[i] - a[i]));
        }
        double half = spec.range() / 2;
        double mid = spec.lower() + half;
        double amplification = maxAbs > 0 ? half / maxAbs : 1.0;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double v = mid + amplification * ((double) b[i] - a[i]);
            out[i] = (float) Math.min(spec.upper(), Math.max(spec.lower(), v));
        }
        return new PerturbationImage(new Images(out, clean.count(), clean.channels(), clean.height(), clean.width()),
                amplification);
    }
}
