package org.advlens.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.advlens.attack.gradient.KlDivergenceAttack;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.advlens.model.runtime.ExportedNetworkClassifier;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * One {@link TrainingMethod}'s step on a minibatch: what the network is fitted on (the clean images, noisy or
 * mixed ones, adversarial examples, TRADES' pairs or a teacher's soft labels), the fit itself, and Parseval's
 * retraction after it. Each step's randomness comes from the seed it is given. While it is open, a TRADES network's
 * output layer uses {@link TradesLoss}; closing it restores the layer's own loss.
 */
final class MinibatchFit implements AutoCloseable {

    private final TrainingMethod method;
    private final MultiLayerNetwork net;
    private final MultiLayerNetwork teacher;
    private final ExportedNetworkClassifier attacker;
    private final int classes;
    private final ProjectedGradientDescent pgd = new ProjectedGradientDescent();
    private final BaseOutputLayer outputConf;
    private final ILossFunction ownLoss;

    /**
     * @param teacher for distillation's student, the network whose soft predictions label each minibatch; null
     *                otherwise (distillation's teacher is fitted on one-hot labels)
     * @param attacker the classifier following {@code net} on the gradient engine, for the adversarial methods;
     *                 null otherwise
     */
    MinibatchFit(TrainingMethod method, MultiLayerNetwork net, MultiLayerNetwork teacher,
                 ExportedNetworkClassifier attacker, int classes) {
        this.method = method;
        this.net = net;
        this.teacher = teacher;
        this.attacker = attacker;
        this.classes = classes;
        if (method.kind() == TrainingMethod.Kind.MANIFOLD_MIXUP) {
            checkMixupLayers(net, method.mixupLayers());
        }
        this.outputConf = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        this.ownLoss = outputConf.getLossFn();
        if (method.kind() == TrainingMethod.Kind.TRADES) {
            outputConf.setLossFn(new TradesLoss(method.tradesBeta()));
        }
    }

    /**
     * Fits the network on the minibatch {@code x} (row-major pixels, also as {@code features}) with labels
     * {@code y}; returns the loss of the fit.
     */
    double fit(float[] x, INDArray features, int[] y, long seed, CancellationToken cancellation) {
        int mixLayer = 0;
        Augmentations.MixupDraw draw = null;
        DataSet batch = switch (method.kind()) {
            case NOISE -> Augmentations.noise(features, y, classes, method.noiseSigma(), seed);
            case MIXUP -> Augmentations.mixup(features, y, classes, method.mixupAlpha(), seed);
            case MANIFOLD_MIXUP -> {
                SplittableRandom random = new SplittableRandom(seed);
                mixLayer = method.mixupLayers().get(random.nextInt(method.mixupLayers().size()));
                draw = Augmentations.MixupDraw.of(y.length, method.mixupAlpha(), random);
                yield mixLayer == 0 ? Augmentations.mixup(features, y, classes, draw)
                        : new DataSet(features, Augmentations.mixedTargets(y, classes, draw));
            }
            case PGD_AT, FAST_AT -> {
                // the attack projects and clips every step itself, so its examples lie in the ball
                attacker.refresh();
                yield new DataSet(pgd.run(attacker, features, y, new double[] {method.epsilon()},
                        method.attackParams(seed), cancellation)[0], Logits.oneHot(y, classes));
            }
            case TRADES -> {
                attacker.refresh();
                yield tradesBatch(features, x, y, seed, cancellation);
            }
            case DISTILLATION -> new DataSet(features,
                    teacher == null ? Logits.oneHot(y, classes) : teacher.output(features, false));
            case STANDARD -> new DataSet(features, Logits.oneHot(y, classes));
        };
        if (mixLayer > 0) {
            fitMixedAt(batch, mixLayer, draw);
        } else {
            net.fit(batch);
        }
        if (method.parsevalBeta() > 0) {
            ParsevalRetraction.apply(net, method.parsevalBeta());
        }
        return net.score();
    }

    @Override
    public void close() {
        outputConf.setLossFn(ownLoss);
    }

    /**
     * A TRADES minibatch: the clean images followed by the examples that maximise the KL divergence from the
     * network's clean prediction, both rows labelled with the one-hot labels ({@link TradesLoss} reads the first).
     */
    private DataSet tradesBatch(INDArray features, float[] x, int[] y, long seed, CancellationToken cancellation) {
        int n = y.length;
        float[] clean = FloatArrays.of(net.output(features, false));
        float[] adv = KlDivergenceAttack.perturb(attacker, x, n, clean, method.epsilon(), method.norm(),
                method.steps(), method.relativeStepSize() * method.epsilon(), seed, cancellation);
        float[] both = Arrays.copyOf(x, 2 * x.length);
        System.arraycopy(adv, 0, both, x.length, adv.length);
        long[] shape = features.shape().clone();
        shape[0] = 2L * n;
        INDArray labels = Logits.oneHot(y, classes);
        return new DataSet(Nd4j.create(both, shape, 'c'), Nd4j.vstack(labels, labels));
    }

    /** Fits {@code batch} with its rows mixed at the input of layer {@code layer} by {@code draw}. */
    private void fitMixedAt(DataSet batch, int layer, Augmentations.MixupDraw draw) {
        Map<Integer, InputPreProcessor> pre = net.getLayerWiseConfigurations().getInputPreProcessors();
        InputPreProcessor own = pre.get(layer);
        pre.put(layer, new ManifoldMixing(own, draw.lambda(), draw.perm()));
        try {
            net.fit(batch);
        } finally {
            if (own == null) {
                pre.remove(layer);
            } else {
                pre.put(layer, own);
            }
        }
    }

    /** A manifold-mixup layer the network does not have, named with the layers it has. */
    private static void checkMixupLayers(MultiLayerNetwork net, List<Integer> layers) {
        int last = net.getnLayers() - 1;
        for (int k : layers) {
            if (k > last) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i <= last; i++) {
                    names.add(i + " " + net.getLayer(i).conf().getLayer().getLayerName());
                }
                throw new IllegalArgumentException("manifold-mixup layer " + k + " does not exist: the network has"
                        + " layers 0 to " + last + " (" + String.join(", ", names) + "), mixed at their input; 0 mixes"
                        + " the images");
            }
        }
    }
}
