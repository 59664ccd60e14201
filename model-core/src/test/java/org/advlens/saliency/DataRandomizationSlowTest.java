package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.Occlusion;
import org.advlens.saliency.method.SmoothGrad;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.DataRandomizationCheck;
import org.advlens.saliency.sanity.DataRandomizationResult;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data randomization test on the bundled model: a copy of its architecture trained on permuted labels.
 * Takes minutes (training), so it runs only with {@code -Dadvlens.slow=true} and the Debian Fashion-MNIST
 * package installed; {@code advlens sanity --data-randomization} runs the same check from the command line.
 */
@EnabledIfSystemProperty(named = "advlens.slow", matches = "true")
class DataRandomizationSlowTest {

    private static final Logger LOG = LoggerFactory.getLogger(DataRandomizationSlowTest.class);

    @Test
    void mapsOfAModelTrainedOnPermutedLabels() throws Exception {
        Classifier model = ModelLoader.bundledDefault();
        LabelledDataset data = Datasets.bundledEvaluation().limit(16);
        LabelledDataset train = FashionMnist.train(FashionMnist.DEBIAN_DIR);
        int[] targets = Target.trueLabel().resolve(model, data.images(), data.labels());
        List<SaliencyMethod> methods = List.of(new VanillaGradient(),
                new GradientTimesInput(), new SmoothGrad(SmoothGrad.Options.defaults().withSamples(10)),
                new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(20)), new Occlusion(),
                new GradCam(), new GuidedBackprop());
        DataRandomizationCheck.Options options = new DataRandomizationCheck.Options(
                Integer.getInteger("advlens.dr.images", 2000), Integer.getInteger("advlens.dr.epochs", 40), 64,
                1e-3, 1L);
        DataRandomizationResult r = Jobs.runNow(new DataRandomizationCheck(model, train, data.images(), targets,
                data.labels(), methods, options), (f, m) -> LOG.info("{} {}", String.format("%.2f", f), m));
        SanityCheckResult c = r.comparison();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "data randomization: %d images x %d epochs in %s, permuted-label train accuracy %.3f, "
                        + "true-label accuracy %.3f%n", r.trainImages(), r.epochs(), r.trainingTime(),
                r.permutedTrainAccuracy(), r.permutedModelAccuracy()));
        for (int m = 0; m < c.methods().size(); m++) {
            sb.append(String.format(Locale.ROOT, "  %-22s", c.methods().get(m)));
            for (SimilarityMetric metric : SimilarityMetric.values()) {
                sb.append(String.format(Locale.ROOT, " %s %.3f +- %.3f", metric.key(), c.mean(m, 1, metric),
                        c.std(m, 1, metric)));
            }
            sb.append('\n');
        }
        LOG.warn("{}", sb);
        System.out.println(sb);
        assertTrue(r.permutedTrainAccuracy() > 0.5, "the copy should memorise its labels: "
                + r.permutedTrainAccuracy());
        int gbp = c.methodIndex(GuidedBackprop.NAME);
        int grad = c.methodIndex(VanillaGradient.NAME);
        assertTrue(c.mean(gbp, 1, SimilarityMetric.SPEARMAN_SIGNED)
                > c.mean(grad, 1, SimilarityMetric.SPEARMAN_SIGNED) + 0.1);
    }
}
