package org.advlens.saliency.faithfulness;

/** The measures in a faithfulness table, each per image and method. */
public enum FaithfulnessMetric {
    /** Area under the deletion curve (RISE); lower is better. */
    DELETION_AUC("deletion_auc", "Deletion AUC", false),
    /** Area under the insertion curve (RISE); higher is better. */
    INSERTION_AUC("insertion_auc", "Insertion AUC", true),
    /** Area under the ROAD most-relevant-first curve with noisy linear imputation; lower is better. */
    ROAD_AUC("road_morf_auc", "ROAD MoRF AUC", false),
    /** Faithfulness correlation (Bhatt et al.); higher is better. */
    FAITHFULNESS_CORRELATION("faithfulness_correlation", "Faithfulness corr.", true),
    /** Max-sensitivity (Yeh et al.); lower is better. */
    MAX_SENSITIVITY("max_sensitivity", "Max-sensitivity", false),
    /** Average sensitivity (Yeh et al.); lower is better. */
    AVERAGE_SENSITIVITY("average_sensitivity", "Avg-sensitivity", false),
    /** Similarity to the map of a random other class (Sixt et al.); lower is better. */
    RANDOM_LOGIT_SIMILARITY("random_logit_similarity", "Random-logit sim.", false);

    private final String key;
    private final String label;
    private final boolean higherIsBetter;

    FaithfulnessMetric(String key, String label, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The key in JSON, e.g. {@code deletion_auc}. */
    public String key() {
        return key;
    }

    /** The column heading. */
    public String label() {
        return label;
    }

    /** Whether a larger value means a better map. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
