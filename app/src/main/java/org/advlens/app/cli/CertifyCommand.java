package org.advlens.app.cli;

import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.CertificationJson;
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
            String json = CertificationJson.toJson(classifier.info(), set.name(), set.source(), r, radii,
                    (System.nanoTime() - start) / 1e9, null);
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
