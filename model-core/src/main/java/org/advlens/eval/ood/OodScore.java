package org.advlens.eval.ood;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The out-of-distribution scores {@link OodEvaluation} computes; each is higher for in-distribution inputs. */
public enum OodScore {
    /** Maximum softmax probability, {@link LogitScores#maxSoftmax(float[])}. */
    MSP("msp"),
    /** The largest logit, {@link LogitScores#maxLogit(float[])}. */
    MAX_LOGIT("maxlogit"),
    /** Negative free energy, {@link LogitScores#negativeEnergy(float[], double)}. */
    ENERGY("energy"),
    /** ODIN's temperature-scaled softmax after its input perturbation, {@link Odin}. */
    ODIN("odin"),
    /** The Mahalanobis confidence score on a layer's features, {@link MahalanobisDetector}. */
    MAHALANOBIS("mahalanobis");

    private final String id;

    OodScore(String id) {
        this.id = id;
    }

    /** The name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** The score named {@code id} (case-insensitive). */
    public static OodScore byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equalsIgnoreCase(id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown OOD score '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(OodScore::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
