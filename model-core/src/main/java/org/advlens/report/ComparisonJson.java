package org.advlens.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.eval.compare.ModelAgreement;
import org.advlens.eval.compare.TransferMatrix;
import org.advlens.provenance.Provenance;

/**
 * The JSON of the model comparisons, one writer for {@code advlens transfer-matrix}, {@code advlens agreement}
 * and the Compare page's export (format in {@code docs/comparison.md}). Each document carries the models with
 * their hashes, the data, the attack with its parameters and seed, and the provenance.
 */
public final class ComparisonJson {

    private ComparisonJson() {
    }

    /** A transfer matrix: models, clean accuracies, and accuracies by source (row) and target (column). */
    public static String transferMatrix(TransferMatrix.Result r, String dataName, String dataSource) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("format_version", 1);
        root.put("kind", "transfer_matrix");
        ArrayNode models = root.putArray("models");
        r.models().forEach(m -> models.add(ReportJson.model(m)));
        root.set("data", data(dataName, dataSource, r.count()));
        ObjectNode attack = root.putObject("attack");
        attack.put("name", r.attack());
        attack.put("epsilon", r.epsilon());
        attack.set("params", ReportJson.params(r.params()));
        ArrayNode clean = root.putArray("clean_accuracy");
        ArrayNode white = root.putArray("white_box_accuracy");
        ArrayNode matrix = root.putArray("accuracy");
        ArrayNode counts = root.putArray("correct");
        for (int s = 0; s < r.size(); s++) {
            clean.add(r.cleanAccuracy(s));
            white.add(r.whiteBoxAccuracy(s));
            ArrayNode row = matrix.addArray();
            ArrayNode countRow = counts.addArray();
            for (int t = 0; t < r.size(); t++) {
                row.add(r.accuracy(s, t));
                countRow.add(r.correct()[s][t]);
            }
        }
        root.set("provenance", ReportJson.provenance(Provenance.now()));
        return ReportJson.toString(root);
    }

    /** Agreement of two models: rates, kappa, the outcome table and the indices of the disagreeing images. */
    public static String agreement(ModelAgreement.Result r, String dataName, String dataSource) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("format_version", 1);
        root.put("kind", "agreement");
        root.set("first", ReportJson.model(r.first()));
        root.set("second", ReportJson.model(r.second()));
        root.set("data", data(dataName, dataSource, r.count()));
        root.put("agreement", r.agreementRate());
        root.put("kappa", r.kappa());
        root.put("first_accuracy", r.firstAccuracy());
        root.put("second_accuracy", r.secondAccuracy());
        int[] o = r.outcomes();
        ObjectNode outcomes = root.putObject("outcomes");
        outcomes.put("both_correct", o[0]);
        outcomes.put("only_first_correct", o[1]);
        outcomes.put("only_second_correct", o[2]);
        outcomes.put("both_wrong", o[3]);
        ArrayNode disagree = root.putArray("disagreements");
        int[] first = r.firstPredicted();
        int[] second = r.secondPredicted();
        int[] labels = r.labels();
        for (int i : r.disagreements()) {
            ObjectNode d = disagree.addObject();
            d.put("index", i);
            d.put("label", labels[i]);
            d.put("first", first[i]);
            d.put("second", second[i]);
        }
        root.set("provenance", ReportJson.provenance(Provenance.now()));
        return ReportJson.toString(root);
    }

    private static ObjectNode data(String name, String source, int count) {
        ObjectNode d = ReportJson.MAPPER.createObjectNode();
        d.put("name", name);
        d.put("source", source);
        d.put("size", count);
        return d;
    }
}
