package org.advlens.saliency.relevance;

import java.util.Arrays;

/**
 * Where relevance is conditioned in concept relevance propagation (Achtibat et al., "From Attribution Maps to
 * Human-Understandable Explanations through Concept Relevance Propagation", 2023): the relevance arriving at the
 * output of step {@code step} keeps only channel {@code channels[i]} in row {@code i} of the batch; a negative
 * channel keeps all of them.
 *
 * @param step index of the step whose output is conditioned
 * @param channels per row, the channel kept
 */
public record ConceptCondition(int step, int[] channels) {

    public ConceptCondition {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        channels = channels == null ? new int[0] : channels.clone();
    }

    /** Only records the channel relevances at {@code step}, masks nothing. */
    public static ConceptCondition recordOnly(int step) {
        return new ConceptCondition(step, new int[0]);
    }

    public boolean masks() {
        return channels.length > 0;
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptCondition c && step == c.step && Arrays.equals(channels, c.channels);
    }

    @Override
    public int hashCode() {
        return step * 31 + Arrays.hashCode(channels);
    }
}
