package org.advlens.saliency.relevance;

import java.util.List;

/**
 * Concept relevance propagation of one image (Achtibat et al. 2023): the unconditional LRP heatmap, every
 * channel's relevance in the concept layer, and the most relevant channels each with its conditional heatmap.
 *
 * @param layer the concept layer's name
 * @param target the class explained
 * @param targetLogit the target's logit, the relevance that was propagated
 * @param heatmap the unconditional input relevance, {@code channels x height x width}
 * @param channelRelevance the relevance of every channel of the concept layer
 * @param concepts the most relevant channels, most relevant first
 * @param channels input channels
 * @param height input height
 * @param width input width
 */
public record ConceptExplanation(String layer, int target, double targetLogit, float[] heatmap,
                                 double[] channelRelevance, List<Concept> concepts, int channels, int height,
                                 int width) {

    public ConceptExplanation {
        if (layer == null || layer.isBlank()) {
            throw new IllegalArgumentException("the concept layer needs a name");
        }
        if (heatmap == null || heatmap.length != channels * height * width) {
            throw new IllegalArgumentException("the heatmap needs " + channels * height * width + " values");
        }
        heatmap = heatmap.clone();
        channelRelevance = channelRelevance.clone();
        concepts = List.copyOf(concepts);
    }

    @Override
    public float[] heatmap() {
        return heatmap.clone();
    }

    @Override
    public double[] channelRelevance() {
        return channelRelevance.clone();
    }

    /** Sum of the input relevance: compare with {@link #targetLogit()} for the conservation check. */
    public double inputRelevanceSum() {
        double s = 0;
        for (float v : heatmap) {
            s += v;
        }
        return s;
    }

    /** Sum of the channel relevances of the concept layer. */
    public double layerRelevanceSum() {
        double s = 0;
        for (double v : channelRelevance) {
            s += v;
        }
        return s;
    }
}
