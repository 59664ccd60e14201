package org.advlens.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.eval.Certification;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

/**
 * The JSON of a randomized-smoothing certification run ({@code advlens certify}): the model, the data, the smoothing
 * options and seed, certified accuracy at each radius, the abstain rate and every image's certificate; a distributed
 * run adds how it was executed.
 */
public final class CertificationJson {

    private CertificationJson() {
    }

    /**
     * @param dataName the data set's name
     * @param dataSource where the data came from
     * @param radii the L2 radii at which certified accuracy is reported
     * @param seconds the run's wall-clock time
     * @param execution how a distributed run was executed, or {@code null} for a local run
     */
    public static String toJson(ModelInfo model, String dataName, String dataSource, Certification.Result r,
                                double[] radii, double seconds, Execution execution) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.set("model", ReportJson.model(model));
        ObjectNode data = root.putObject("data");
        data.put("name", dataName);
        data.put("source", dataSource);
        data.put("size", r.entries().size());
        ObjectNode o = root.putObject("smoothing");
        o.put("sigma", r.options().sigma());
        o.put("n0", r.options().n0());
        o.put("n", r.options().n());
        o.put("alpha", r.options().alpha());
        o.put("seed", r.seed());
        o.put("noise", "Gaussian in pixel space, not clipped (Cohen et al. 2019)");
        ArrayNode curve = root.putArray("certified_accuracy");
        for (double radius : radii) {
            ObjectNode p = curve.addObject();
            p.put("radius", radius);
            p.put("accuracy", r.certifiedAccuracy(radius));
        }
        root.put("abstain_rate", r.abstainRate());
        ArrayNode images = root.putArray("images");
        for (Certification.Entry e : r.entries()) {
            ObjectNode p = images.addObject();
            p.put("index", e.index());
            p.put("label", e.label());
            p.put("prediction", e.certificate().prediction());
            p.put("pA_lower", e.certificate().pALower());
            p.put("radius", e.certificate().radius());
            p.put("seconds", e.seconds());
        }
        root.put("seconds", seconds);
        if (execution != null) {
            root.set("execution", ReportJson.execution(execution));
        }
        root.set("provenance", ReportJson.provenance(Provenance.now()));
        return ReportJson.toString(root);
    }
}
