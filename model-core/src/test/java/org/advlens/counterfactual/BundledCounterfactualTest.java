package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregate figures on the bundled model and autoencoder over the first 100 bundled test images, each asked for its
 * second most likely class: both kinds reach the target on at least 90%, and the on-manifold counterfactuals have a
 * markedly lower reconstruction error than the pixel-space ones and than PGD adversarial examples, and a
 * nearest-neighbour judge on held-out test images (bundled test images 100-999, used neither as inputs nor as
 * prototypes) votes the on-manifold ones into the target class far more often than the pixel-space ones. The
 * acceptance figures of the counterfactual feature, so part of the normal test run (about a minute); the figures are
 * logged and recorded in docs/counterfactuals.md. {@code -Dadvlens.generator=FILE} measures another autoencoder from {@code advlens train-generator} instead.
 */
class BundledCounterfactualTest {

    private static final Logger LOG = LoggerFactory.getLogger(BundledCounterfactualTest.class);

    @Test
    void bothKindsReachTheTargetAndOnManifoldOnesStayNearTheData() throws Exception {
        Classifier model = ModelLoader.bundledDefault();
        String other = System.getProperty("advlens.generator");
        Autoencoder ae = other == null ? Autoencoder.bundled() : Autoencoder.load(java.nio.file.Path.of(other));
        LabelledDataset all = Datasets.bundledEvaluation();
        LabelledDataset data = all.limit(100);
        Images x = data.images();
        ReferenceSet judge = heldOut(all, 100);
        int[] targets = Targets.secondMostLikely(model, x);
        PlausibilityMeasures measures = new PlausibilityMeasures(ae, ReferenceSet.bundled(model.inputSpec()),
                PlausibilityMeasures.DEFAULT_CHANGE_THRESHOLD, 1);
        List<CounterfactualSummary> summaries = new ArrayList<>();
        List<Double> votes = new ArrayList<>();
        for (CounterfactualMethod method : List.of(new PixelCounterfactual(), new LatentCounterfactual(ae))) {
            long start = System.nanoTime();
            List<Counterfactual> results = method.explain(model, x, targets, ProgressListener.NONE,
                    CancellationToken.create());
            List<Plausibility> ps = results.stream().map(measures::measure).toList();
            CounterfactualSummary s = CounterfactualSummary.of(results, ps);
            LOG.info("{}: {} in {} s", method.name(), s, (System.nanoTime() - start) / 1e9);
            summaries.add(s);
            votes.add(targetVotes(judge, results));
            assertTrue(s.successRate() >= 0.9, method.name() + " success rate " + s.successRate());
        }
        AttackOutcome pgd = AttackRunner.run(new ProjectedGradientDescent(), model, x, data.labels(),
                new double[] {0.1}, AttackParams.defaults(), CancellationToken.create()).get(0);
        double sum = 0;
        int n = 0;
        double[] rec = ae.reconstructionError(pgd.adversarial());
        for (int i = 0; i < rec.length; i++) {
            if (pgd.success()[i]) {
                sum += rec[i];
                n++;
            }
        }
        double pgdRec = sum / n;
        LOG.info("PGD Linf eps 0.1: {} successes, mean reconstruction error {}", n, pgdRec);
        double pixelRec = summaries.get(0).meanReconstructionError();
        double latentRec = summaries.get(1).meanReconstructionError();
        assertTrue(latentRec < 0.5 * pixelRec, "on-manifold " + latentRec + " vs pixel " + pixelRec);
        assertTrue(latentRec < 0.5 * pgdRec, "on-manifold " + latentRec + " vs PGD " + pgdRec);
        int right = 0;
        for (int i = 0; i < x.count(); i++) {
            right += judge.nearestNeighbourVote(x.image(i).pixels(), JUDGE_NEIGHBOURS) == data.label(i) ? 1 : 0;
        }
        LOG.info("{}-NN judge on {} held-out images: originals voted their true class {}/{}; successful"
                + " counterfactuals voted the target: pixel-space {}, on-manifold {}", JUDGE_NEIGHBOURS,
                judge.data().size(), right, x.count(), votes.get(0), votes.get(1));
        assertTrue(votes.get(1) >= votes.get(0) + 0.3, "judge votes for the target: on-manifold " + votes.get(1)
                + " vs pixel-space " + votes.get(0));
    }

    private static final int JUDGE_NEIGHBOURS = 5;

    /** The examples from {@code from} on, as a reference set. */
    static ReferenceSet heldOut(LabelledDataset all, int from) {
        return new ReferenceSet(all.slice(from, all.size(), "held out"));
    }

    /** The fraction of the successful counterfactuals that {@code judge} votes into their target class. */
    static double targetVotes(ReferenceSet judge, List<Counterfactual> results) {
        int ok = 0;
        int voted = 0;
        for (Counterfactual c : results) {
            if (c.success()) {
                ok++;
                voted += judge.nearestNeighbourVote(c.counterfactual().pixels(), JUDGE_NEIGHBOURS) == c.targetClass()
                        ? 1 : 0;
            }
        }
        return ok == 0 ? Double.NaN : (double) voted / ok;
    }
}
