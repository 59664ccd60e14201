package org.advlens.saliency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoader;
import org.advlens.model.NetworkBacked;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ExploreSanityTmpTest {
    @Test
    void explore() throws Exception {
        Classifier model = ModelLoader.bundledDefault();
        int n = Integer.getInteger("n", 16);
        LabelledDataset data = Datasets.bundledEvaluation().limit(n);
        int[] targets = Target.trueLabel().resolve(model, data.images(), data.labels());
        List<SaliencyMethod> methods = List.of(new VanillaGradient(), new GradCam(), new GuidedBackprop());
        SanityCheckResult res = Jobs.runNow(new ParameterRandomizationCheck(model, data.images(), targets, methods,
                new ParameterRandomizationCheck.Options(Randomization.CASCADING, 1L, 0)));
        for (int i = 0; i < 4; i++) {
            SaliencyPictures.writePng(SaliencyPictures.grid(res, i, data.images(), 0, 1, 3), Path.of("/tmp/sal/grid" + i + ".png"));
        }
        // Variant: keep the trained biases.
        MultiLayerNetwork orig = (MultiLayerNetwork) ((NetworkBacked) model).network();
        List<ModelRandomization.RandomizableLayer> layers = ModelRandomization.topDown(model);
        SaliencyMap base = methods.get(2).attribute(model, data.images(), targets, CancellationToken.create());
        StringBuilder sb = new StringBuilder("GBP keep-bias spearman_abs/signed:");
        StringBuilder fg = new StringBuilder("GBP zero-bias foreground-only spearman_abs:");
        List<Integer> pos = new ArrayList<>();
        for (ModelRandomization.RandomizableLayer l : layers) {
            pos.add(l.position());
            Classifier r = ModelRandomization.randomized(model, pos, 1L);
            MultiLayerNetwork rn = (MultiLayerNetwork) ((NetworkBacked) r).network();
            SaliencyMap zb = methods.get(2).attribute(r, data.images(), targets, CancellationToken.create());
            for (int p : pos) {
                rn.getLayer(p).setParam("b", orig.getLayer(p).getParam("b").dup());
            }
            SaliencyMap m = methods.get(2).attribute(r, data.images(), targets, CancellationToken.create());
            double a = 0, s = 0, f = 0;
            for (int i = 0; i < n; i++) {
                a += SimilarityMetric.SPEARMAN_ABS.compare(base, m, i);
                s += SimilarityMetric.SPEARMAN_SIGNED.compare(base, m, i);
                float[] x = data.images().image(i).pixels();
                float[] b0 = base.plane(i), b1 = zb.plane(i);
                int cnt = 0;
                for (float v : x) if (v > 0) cnt++;
                float[] c0 = new float[cnt], c1 = new float[cnt];
                int k = 0;
                for (int j = 0; j < x.length; j++) if (x[j] > 0) { c0[k] = b0[j]; c1[k++] = b1[j]; }
                f += SpearmanRankCorrelation.ofAbsolute(c0, c1);
            }
            sb.append(String.format(" %s %.3f/%.3f", l.name(), a / n, s / n));
            fg.append(String.format(" %s %.3f", l.name(), f / n));
        }
        System.out.println(sb);
        System.out.println(fg);
    }
}
