package org.advlens.app.robustness;

/** The evaluations of the robustness view, in the order of its tabs. */
public enum Evaluation {
    CERTIFICATION("Certification", "Randomized-smoothing certificates: certified accuracy versus L2 radius"),
    CORRUPTIONS("Corruptions", "Error under common corruptions per corruption and severity, and mCE"),
    OOD("OOD detection", "How well scores tell the data from out-of-distribution images: ROC, AUROC, FPR95"),
    CALIBRATION("Calibration", "Reliability before and after temperature scaling, and the risk-coverage curve");

    private final String title;
    private final String description;

    Evaluation(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
