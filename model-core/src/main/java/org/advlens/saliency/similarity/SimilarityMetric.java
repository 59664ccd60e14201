package org.advlens.saliency.similarity;

import org.advlens.saliency.SaliencyMap;

/**
 * The ways the sanity checks compare a saliency map with the map of a randomised model (Adebayo et al., 2018).
 * Each compares one image's maps, summed over channels to {@code height x width}.
 */
public enum SimilarityMetric {
    /** Spearman rank correlation of the absolute values. */
    SPEARMAN_ABS("spearman_abs", "Spearman (absolute)"),
    /** Spearman rank correlation of the signed values. */
    SPEARMAN_SIGNED("spearman_signed", "Spearman (signed)"),
    /** SSIM of the absolute maps normalised to [0, 1]. */
    SSIM("ssim", "SSIM"),
    /** Pearson correlation of the HOG features of the absolute maps normalised to [0, 1]. */
    HOG("hog", "HOG similarity");

    private final String key;
    private final String label;

    SimilarityMetric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** A short key for files and JSON, e.g. {@code spearman_abs}. */
    public String key() {
        return key;
    }

    /** The name shown in charts and tables. */
    public String label() {
        return label;
    }

    /**
     * Similarity of image {@code index}'s map in {@code original} and in {@code other}: the signed metric on the
     * maps summed over channels, the absolute ones on the absolute values summed over channels.
     */
    public double compare(SaliencyMap original, SaliencyMap other, int index) {
        if (original.height() != other.height() || original.width() != other.width()) {
            throw new IllegalArgumentException("maps of different sizes: " + original + " and " + other);
        }
        boolean signed = this == SPEARMAN_SIGNED;
        float[] a = signed ? original.plane(index) : original.absolutePlane(index);
        float[] b = signed ? other.plane(index) : other.absolutePlane(index);
        return compare(a, b, original.height(), original.width());
    }

    /** Similarity of two {@code height x width} maps. */
    public double compare(float[] original, float[] other, int height, int width) {
        return switch (this) {
            case SPEARMAN_ABS -> SpearmanRankCorrelation.ofAbsolute(original, other);
            case SPEARMAN_SIGNED -> SpearmanRankCorrelation.of(original, other);
            case SSIM -> StructuralSimilarity.ofAbsoluteNormalised(original, other, height, width);
            case HOG -> HogSimilarity.ofAbsoluteNormalised(original, other, height, width);
        };
    }

    /** The metric with key or name {@code text}, case-insensitive. */
    public static SimilarityMetric parse(String text) {
        for (SimilarityMetric m : values()) {
            if (m.key.equalsIgnoreCase(text.trim()) || m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown similarity metric '" + text
                + "': expected spearman_abs, spearman_signed, ssim or hog");
    }
}
