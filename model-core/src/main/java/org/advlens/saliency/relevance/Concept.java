package org.advlens.saliency.relevance;

/**
 * One channel of a layer as a concept behind a decision (Achtibat et al. 2023): how much of the target's
 * relevance flows through it and where in the image it acts.
 *
 * @param channel the channel index in the concept layer
 * @param relevance the relevance of the channel (summed over its positions)
 * @param share {@code relevance} over the layer's total relevance
 * @param heatmap the input relevance conditioned on this channel, {@code channels x height x width} pixel-space
 *                values (NCHW of one image)
 */
public record Concept(int channel, double relevance, double share, float[] heatmap) {

    public Concept {
        if (channel < 0) {
            throw new IllegalArgumentException("channel must be >= 0, got " + channel);
        }
        if (heatmap == null || heatmap.length == 0) {
            throw new IllegalArgumentException("a concept needs its conditional heatmap");
        }
        heatmap = heatmap.clone();
    }

    @Override
    public float[] heatmap() {
        return heatmap.clone();
    }
}
