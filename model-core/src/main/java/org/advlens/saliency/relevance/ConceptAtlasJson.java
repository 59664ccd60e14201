package org.advlens.saliency.relevance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A {@link ConceptAtlas} as JSON: per explained image the target, the conservation sums (target logit, relevance
 * at the concept layer, relevance at the input), every channel's relevance, and the top concepts with their
 * reference images; heatmap values are included only on request.
 */
public final class ConceptAtlasJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConceptAtlasJson() {
    }

    /**
     * @param sources where each explained image came from, one per entry
     * @param referenceSource the data set the references index into
     * @param heatmaps whether to write the heatmap values
     */
    public static ObjectNode write(ConceptAtlas atlas, Map<String, Object> parameters, List<String> sources,
                                   String referenceSource, List<String> classNames, boolean heatmaps) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "concept-atlas");
        root.put("layer", atlas.layer());
        root.set("parameters", MAPPER.valueToTree(parameters));
        ObjectNode refs = root.putObject("reference_data");
        refs.put("source", referenceSource);
        refs.put("images_searched", atlas.references().dataSize());
        refs.put("selection", "relevance maximisation: images where the channel carries the most relevance for"
                + " the model's prediction");
        ArrayNode images = root.putArray("images");
        for (ConceptAtlas.Entry e : atlas.entries()) {
            ConceptExplanation ex = e.explanation();
            ObjectNode o = images.addObject();
            o.put("image", e.image() < sources.size() ? sources.get(e.image()) : String.valueOf(e.image()));
            o.put("target", ex.target());
            o.put("target_name", name(classNames, ex.target()));
            ObjectNode cons = o.putObject("conservation");
            cons.put("target_logit", ex.targetLogit());
            cons.put("concept_layer_sum", ex.layerRelevanceSum());
            cons.put("input_sum", ex.inputRelevanceSum());
            ArrayNode ch = o.putArray("channel_relevance");
            for (double v : ex.channelRelevance()) {
                ch.add(v);
            }
            if (heatmaps) {
                values(o.putArray("heatmap"), ex.heatmap());
            }
            ArrayNode concepts = o.putArray("concepts");
            for (int c = 0; c < ex.concepts().size(); c++) {
                Concept concept = ex.concepts().get(c);
                ObjectNode co = concepts.addObject();
                co.put("channel", concept.channel());
                co.put("relevance", concept.relevance());
                co.put("share", concept.share());
                double sum = 0;
                for (float v : concept.heatmap()) {
                    sum += v;
                }
                co.put("heatmap_sum", sum);
                if (heatmaps) {
                    values(co.putArray("heatmap"), concept.heatmap());
                }
                ArrayNode rs = co.putArray("references");
                for (ConceptAtlas.ReferenceImage r : e.references().get(c)) {
                    ObjectNode ro = rs.addObject();
                    ro.put("index", r.index());
                    ro.put("predicted", r.target());
                    ro.put("predicted_name", name(classNames, r.target()));
                    ro.put("relevance", r.relevance());
                }
            }
        }
        return root;
    }

    private static void values(ArrayNode a, float[] v) {
        for (float f : v) {
            a.add(f);
        }
    }

    private static String name(List<String> names, int k) {
        return k >= 0 && k < names.size() ? names.get(k) : "";
    }
}
