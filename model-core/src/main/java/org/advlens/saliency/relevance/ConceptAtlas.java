package org.advlens.saliency.relevance;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * A concept atlas (Achtibat et al. 2023): for each explained image, its most relevant concepts in a layer, each
 * with the conditional heatmap on the image and the reference images (found by {@link RelevanceMaximisation})
 * with the concept's heatmap on each of them.
 *
 * @param layer the concept layer
 * @param references the reference images of every channel of the layer
 * @param entries one per explained image
 */
public record ConceptAtlas(String layer, ConceptReferences references, List<Entry> entries) {

    /** A reference image of one concept with the concept's heatmap on it. */
    public record ReferenceImage(int index, int target, double relevance, float[] heatmap) {
        public ReferenceImage {
            heatmap = heatmap.clone();
        }

        @Override
        public float[] heatmap() {
            return heatmap.clone();
        }
    }

    /**
     * @param image index of the explained image among the queries
     * @param explanation its concepts
     * @param references per concept of {@code explanation}, in the same order, its reference images
     */
    public record Entry(int image, ConceptExplanation explanation, List<List<ReferenceImage>> references) {
        public Entry {
            references = references.stream().map(List::copyOf).toList();
        }
    }

    public ConceptAtlas {
        entries = List.copyOf(entries);
    }

    /**
     * Explains each query image for its target and finds the reference images of its concepts in
     * {@code referenceData}.
     *
     * @param perConcept reference images per concept
     * @throws org.advlens.job.CancelledException if cancelled
     */
    public static ConceptAtlas build(Classifier model, ConceptRelevance.Options options, Images queries,
                                     int[] targets, Images referenceData, int perConcept, ProgressListener progress,
                                     CancellationToken cancellation) {
        if (queries == null || targets == null || queries.count() != targets.length) {
            throw new IllegalArgumentException("one target per query image is required");
        }
        ConceptRelevance crp = new ConceptRelevance(model, options);
        ProgressListener search = (f, m) -> progress.onProgress(0.8 * f, m);
        ConceptReferences refs = RelevanceMaximisation.find(model, crp, referenceData, perConcept, search,
                cancellation);
        List<Entry> entries = new ArrayList<>();
        for (int q = 0; q < queries.count(); q++) {
            progress.onProgress(0.8 + 0.2 * q / queries.count(), "concepts of image " + (q + 1) + " of "
                    + queries.count());
            ConceptExplanation e = crp.explain(queries, q, targets[q], cancellation);
            List<List<ReferenceImage>> perConceptRefs = new ArrayList<>();
            for (Concept c : e.concepts()) {
                float[][] maps = RelevanceMaximisation.referenceHeatmaps(crp, refs, c.channel(), referenceData,
                        cancellation);
                List<ReferenceImage> list = new ArrayList<>();
                List<ConceptReferences.Reference> r = refs.of(c.channel());
                for (int j = 0; j < r.size(); j++) {
                    list.add(new ReferenceImage(r.get(j).index(), r.get(j).target(), r.get(j).relevance(), maps[j]));
                }
                perConceptRefs.add(list);
            }
            entries.add(new Entry(q, e, perConceptRefs));
        }
        progress.onProgress(1, "concept atlas done");
        return new ConceptAtlas(crp.layer(), refs, entries);
    }
}
