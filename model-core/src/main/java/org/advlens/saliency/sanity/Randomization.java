package org.advlens.saliency.sanity;

/** How a sanity check randomises the model (Adebayo et al., "Sanity Checks for Saliency Maps", 2018). */
public enum Randomization {
    /** Re-initialise layers from the output down, one more at each step. */
    CASCADING("cascading"),
    /** Re-initialise one layer at a time, the others as trained. */
    INDEPENDENT("independent"),
    /** Train the same architecture on permuted labels (the data randomization test). */
    PERMUTED_LABELS("permuted-labels");

    private final String label;

    Randomization(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code cascading}, {@code independent} or {@code permuted-labels}, case-insensitive. */
    public static Randomization parse(String text) {
        for (Randomization r : values()) {
            if (r.label.equalsIgnoreCase(text.trim()) || r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown randomization '" + text
                + "': expected cascading, independent or permuted-labels");
    }
}
