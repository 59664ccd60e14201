package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.saliency.relevance.Concept;
import org.advlens.saliency.relevance.ConceptAtlas;
import org.advlens.saliency.relevance.ConceptExplanation;
import org.advlens.saliency.relevance.ConceptReferences;
import org.advlens.saliency.relevance.ConceptRelevance;
import org.advlens.saliency.relevance.RelevanceMaximisation;
import org.junit.jupiter.api.Test;

class ConceptAtlasTest {

    private final Classifier model = TinyNetworks.classifier(TinyNetworks.cnn(21));
    private final Images data = TinyNetworks.images(12, 3);
    private final ConceptRelevance.Options options = ConceptRelevance.Options.defaults().withTopConcepts(3);

    @Test
    void conceptsAreTheMostRelevantChannelsWithTheirShares() {
        ConceptRelevance crp = new ConceptRelevance(model, options);
        assertEquals("conv2", crp.layer(), "the default concept layer is the last convolution");
        ConceptExplanation e = crp.explain(data, 0, 1, CancellationToken.create());
        double[] all = e.channelRelevance();
        assertEquals(6, all.length);
        assertEquals(3, e.concepts().size());
        double max = java.util.Arrays.stream(all).max().orElseThrow();
        assertEquals(max, e.concepts().get(0).relevance(), 1e-9);
        for (int i = 1; i < e.concepts().size(); i++) {
            assertTrue(e.concepts().get(i - 1).relevance() >= e.concepts().get(i).relevance());
        }
        double total = e.layerRelevanceSum();
        for (Concept c : e.concepts()) {
            assertEquals(all[c.channel()], c.relevance(), 1e-9);
            assertEquals(c.relevance() / total, c.share(), 1e-9);
            assertEquals(64, c.heatmap().length);
        }
    }

    @Test
    void relevanceMaximisationKeepsTheImagesWhereEachChannelMattersMost() {
        ConceptRelevance crp = new ConceptRelevance(model, options);
        ConceptReferences refs = RelevanceMaximisation.find(model, crp, data, 4, ProgressListener.NONE,
                CancellationToken.create());
        assertEquals(6, refs.channels());
        int[] predicted = model.predict(data.toArray());
        ConceptRelevance one = new ConceptRelevance(model, options.withTopConcepts(1));
        double[][] each = new double[data.count()][];
        for (int i = 0; i < data.count(); i++) {
            each[i] = one.explain(data, i, predicted[i], CancellationToken.create()).channelRelevance();
        }
        for (int k = 0; k < refs.channels(); k++) {
            List<ConceptReferences.Reference> r = refs.of(k);
            assertEquals(4, r.size());
            for (int j = 1; j < r.size(); j++) {
                assertTrue(r.get(j - 1).relevance() >= r.get(j).relevance(), "channel " + k + " is sorted");
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < data.count(); i++) {
                best = Math.max(best, each[i][k]);
            }
            assertEquals(best, r.get(0).relevance(), 1e-5 * (1 + Math.abs(best)), "channel " + k);
            assertEquals(predicted[r.get(0).index()], r.get(0).target());
        }
    }

    @Test
    void theAtlasGivesEachConceptItsReferencesAndStopsWhenCancelled() {
        ConceptAtlas atlas = ConceptAtlas.build(model, options, data.slice(0, 2), new int[] {0, 2}, data, 3,
                ProgressListener.NONE, CancellationToken.create());
        assertEquals(2, atlas.entries().size());
        for (ConceptAtlas.Entry e : atlas.entries()) {
            assertEquals(e.explanation().concepts().size(), e.references().size());
            for (int c = 0; c < e.references().size(); c++) {
                int channel = e.explanation().concepts().get(c).channel();
                assertEquals(atlas.references().indices()[channel][0], e.references().get(c).get(0).index());
            }
        }
        CancellationToken cancelled = CancellationToken.create();
        cancelled.cancel();
        assertThrows(CancelledException.class, () -> ConceptAtlas.build(model, options, data.slice(0, 1),
                new int[] {0}, data, 3, ProgressListener.NONE, cancelled));
        assertThrows(IllegalArgumentException.class, () -> RelevanceMaximisation.find(model,
                new ConceptRelevance(model, options), data, 0, ProgressListener.NONE, CancellationToken.create()));
        assertThrows(IllegalArgumentException.class, () -> ConceptRelevance.Options.defaults().withTopConcepts(0));
    }
}
