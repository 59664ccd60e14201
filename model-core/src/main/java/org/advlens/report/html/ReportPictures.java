package org.advlens.report.html;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.counterfactual.Targets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurveResult;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.report.CounterfactualPictures;
import org.advlens.report.PerturbationImage;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.method.SaliencyMethods;

/**
 * The report's gallery: for the first correctly classified images, the adversarial example of the strongest curve
 * attack (PGD when the battery has it) at the standard epsilon, its amplified perturbation
 * ({@link PerturbationImage}), a saliency map of the clean prediction, and a pixel-space counterfactual towards the
 * runner-up class (Wachter et al. 2017, {@link PixelCounterfactual} with its defaults), all as PNG bytes.
 */
public final class ReportPictures {

    /** Pixels drawn per input pixel, so 28 x 28 images show at 112 x 112. */
    static final int SCALE = 4;

    private ReportPictures() {
    }

    /** The attack the gallery shows: PGD when the battery has it, else its last curve attack. */
    public static FixedEpsilonAttack galleryAttack(BatterySpec spec) {
        return Attacks.byName(spec.attacks().contains("pgd") ? "pgd" : spec.attacks().get(spec.attacks().size() - 1));
    }

    static List<ExamplePicture> examples(Classifier model, LabelledDataset set, BatterySpec spec, CurveResult curves,
                                         CancellationToken cancellation) {
        boolean[] correct = curves.cleanCorrect();
        int[] chosen = java.util.stream.IntStream.range(0, correct.length).filter(i -> correct[i])
                .limit(spec.exampleImages()).toArray();
        if (chosen.length == 0) {
            return List.of();
        }
        Images images = select(set.images(), chosen);
        int[] labels = Arrays.stream(chosen).map(set::label).toArray();
        FixedEpsilonAttack attack = galleryAttack(spec);
        cancellation.throwIfCancelled();
        AttackOutcome o = AttackRunner.run(attack, model, images, labels, new double[] {spec.standardEpsilon()},
                RobustnessBattery.curveParams(attack, spec), cancellation).get(0);
        int[] predicted = model.predict(images.toArray());
        cancellation.throwIfCancelled();
        SaliencyMap map = SaliencyMethods.byName(spec.saliencyMethod()).attribute(model, images, predicted,
                cancellation);
        cancellation.throwIfCancelled();
        int[] runnerUp = Targets.secondMostLikely(model, images);
        List<Counterfactual> counterfactuals = new PixelCounterfactual().explain(model, images, runnerUp,
                ProgressListener.NONE, cancellation);
        InputSpec in = model.inputSpec();
        List<ExamplePicture> out = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            Images clean = images.image(k);
            Images adv = o.adversarial().image(k);
            PerturbationImage delta = PerturbationImage.of(clean, adv, in);
            out.add(new ExamplePicture(chosen[k], labels[k], predicted[k], o.predictions()[k], o.linf()[k],
                    delta.amplification(), png(SaliencyPictures.render(clean, 0, in.lower(), in.upper(), SCALE)),
                    png(SaliencyPictures.render(adv, 0, in.lower(), in.upper(), SCALE)),
                    png(SaliencyPictures.render(delta.image(), 0, in.lower(), in.upper(), SCALE)),
                    png(SaliencyPictures.render(map, k, SCALE)), runnerUp[k],
                    counterfactuals.get(k).predictedClass(),
                    png(SaliencyPictures.render(counterfactuals.get(k).counterfactual(), 0, in.lower(), in.upper(),
                            SCALE)),
                    png(CounterfactualPictures.difference(counterfactuals.get(k), in.range(), SCALE))));
        }
        return out;
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Images select(Images all, int[] indices) {
        int size = all.imageSize();
        float[] src = all.pixels();
        float[] out = new float[indices.length * size];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(src, indices[k] * size, out, k * size, size);
        }
        return new Images(out, indices.length, all.channels(), all.height(), all.width());
    }
}
