package org.advlens.saliency.relevance;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference images of every channel of a concept layer found by relevance maximisation: per channel, the
 * data set's images in which that channel carries the most relevance, most first.
 *
 * @param layer the concept layer's name
 * @param dataSize how many images were searched
 * @param indices per channel, the indices of its reference images in the data set
 * @param targets per channel, the class each reference image was explained for (its prediction)
 * @param relevance per channel, the channel's relevance in each reference image
 */
public record ConceptReferences(String layer, int dataSize, int[][] indices, int[][] targets,
                                double[][] relevance) {

    /** One reference image of a concept. */
    public record Reference(int index, int target, double relevance) {
    }

    public ConceptReferences {
        if (indices.length != targets.length || indices.length != relevance.length) {
            throw new IllegalArgumentException("indices, targets and relevance need one row per channel");
        }
        indices = deep(indices);
        targets = deep(targets);
        relevance = relevance.clone();
        for (int k = 0; k < relevance.length; k++) {
            relevance[k] = relevance[k].clone();
        }
    }

    private static int[][] deep(int[][] a) {
        int[][] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] = out[k].clone();
        }
        return out;
    }

    public int channels() {
        return indices.length;
    }

    /** The reference images of {@code channel}, most relevant first. */
    public List<Reference> of(int channel) {
        if (channel < 0 || channel >= indices.length) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + indices.length);
        }
        List<Reference> out = new ArrayList<>();
        for (int i = 0; i < indices[channel].length; i++) {
            out.add(new Reference(indices[channel][i], targets[channel][i], relevance[channel][i]));
        }
        return out;
    }
}
