package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens certify}: randomized-smoothing certification (Cohen et al. 2019) of a data set: certified
 * accuracy at a list of L2 radii, the abstain rate and every image's certificate, as JSON.
 */
@Command(name = "certify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Certify a model's smoothed predictions with randomized smoothing "
                + "(Cohen et al. 2019); JSON on standard output.")
final class CertifyCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.25",
            description = "noise standard deviation in pixel units (default: 0.25)")
    double sigma;

    @Option(names = "--n0", paramLabel = "N", defaultValue = "100",
            description = "samples that select the top class (default: 100)")
    int n0;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000",
            description = "samples that bound its probability (default: 10000; the paper uses 100000)")
    int n;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001",
            description = "failure probability of each certificate (default: 0.001)")
    double alpha;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "noisy copies per forward pass (default: 1000)")
    int batch;

    @Option(names = "--radii", paramLabel = "R,...", split = ",", defaultValue = "0,0.25,0.5,0.75,1",
            description = "L2 radii at which certified accuracy is reported (default: 0,0.25,0.5,0.75,1)")
    double[] radii;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "noise seed (default: 0)")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RandomizedSmoothing.Options options = new RandomizedSmoothing.Options(sigma, n0, n, alpha, batch);
        long start = System.nanoTime();
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr());
            Certification.Result r = Jobs.runNow(new Certification(classifier, set, options, seed),
                    new StderrProgress(spec.commandLine().getErr(), "certify "));
            ObjectNode root = Json.object();
            root.set("model", Json.model(classifier.info()));
            root.set("data", Json.data(set));
            ObjectNode o = root.putObject("smoothing");
            o.put("sigma", sigma);
            o.put("n0", n0);
            o.put("n", n);
            o.put("alpha", alpha);
            o.put("seed", seed);
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
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.put("advlens_version", Provenance.version());
            spec.commandLine().getOut().println(Json.write(root));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
