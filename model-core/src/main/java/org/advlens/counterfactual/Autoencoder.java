package org.advlens.counterfactual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelLoadException;
import org.advlens.model.WeightedOutputHead;
import org.advlens.model.load.FileHashes;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A generative model of the data for on-manifold counterfactuals: a convolutional autoencoder (Hinton and
 * Salakhutdinov, 2006) saved as one DL4J {@link MultiLayerNetwork} whose layer named {@value #LATENT_LAYER} is the
 * code. It is split there into an encoder and a decoder on copies of the same weights, and the decoder gets a
 * {@link WeightedOutputHead} so a pixel-space gradient can be pulled back to the code.
 *
 * <p>All images are in the pixel space of {@link #inputSpec()} (the classifier's space it was trained for); the
 * network itself works in [0, 1]. Confined to one thread at a time; {@link #copy()} gives another instance.
 */
public final class Autoencoder implements AutoCloseable {

    /** Name of the code layer where the network is split. */
    public static final String LATENT_LAYER = "latent";
    /** The autoencoder bundled beside the default classifier. */
    public static final String BUNDLED = "/advlens/models/fashion-autoencoder.zip";

    private final MultiLayerNetwork full;
    private final MultiLayerNetwork encoder;
    private final MultiLayerNetwork decoder;
    private final WeightedOutputHead decoderHead;
    private final WeightedOutputHead fullHead;
    private final ModelDescription description;
    private final String source;
    private final String sha256;
    private final int latentSize;

    /**
     * Wraps a trained autoencoder network.
     *
     * @param description its input (the classifier pixel space it models) and the class names of its data
     * @param source where it came from, for provenance
     * @param sha256 hash of its file, or an empty string
     */
    public Autoencoder(MultiLayerNetwork network, ModelDescription description, String source, String sha256) {
        if (network == null || description == null) {
            throw new IllegalArgumentException("network and description are required");
        }
        int split = latentIndex(network);
        this.full = network;
        this.encoder = slice(network, 0, split + 1);
        this.decoder = slice(network, split + 1, network.getnLayers());
        this.decoderHead = WeightedOutputHead.of(decoder);
        this.fullHead = WeightedOutputHead.of(network);
        this.description = description;
        this.source = source == null ? "" : source;
        this.sha256 = sha256 == null ? "" : sha256;
        this.latentSize = (int) encoder.output(Nd4j.zeros(DataType.FLOAT, description.input().shape(1)), false)
                .size(1);
    }

    /** Loads an autoencoder zip written by {@code advlens train-generator}. */
    public static Autoencoder load(Path file) throws ModelLoadException {
        return load(file, file.toAbsolutePath().toString());
    }

    /** The autoencoder bundled with AdvLens, trained on Fashion-MNIST for the bundled classifier. */
    public static Autoencoder bundled() throws ModelLoadException {
        Path name = Path.of("fashion-autoencoder.zip");
        Path tmp = null;
        try (InputStream in = Autoencoder.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ModelLoadException(name, "the bundled autoencoder " + BUNDLED + " is missing from the class"
                        + " path");
            }
            tmp = Files.createTempFile("advlens-ae-", ".zip");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return load(tmp, "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new ModelLoadException(name, "cannot copy the bundled autoencoder: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    private static Autoencoder load(Path file, String source) throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, "not found");
        }
        try {
            String sha = FileHashes.sha256(file);
            ModelDescription description;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry(ModelDescription.ZIP_ENTRY);
                if (entry == null) {
                    throw new ModelLoadException(file, "has no " + ModelDescription.ZIP_ENTRY + "; is it an autoencoder"
                            + " written by advlens train-generator?");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    description = ModelDescription.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            return new Autoencoder(net, description, source, sha);
        } catch (ModelLoadException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "is not an AdvLens autoencoder: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ModelLoadException(file, "cannot be read as an autoencoder: " + e.getMessage(), e);
        }
    }

    public InputSpec inputSpec() {
        return description.input();
    }

    public ModelDescription description() {
        return description;
    }

    public int latentSize() {
        return latentSize;
    }

    public String source() {
        return source;
    }

    public String sha256() {
        return sha256;
    }

    /** The whole network (encoder and decoder), sharing this instance's parameters; do not change them. */
    public MultiLayerNetwork network() {
        return full;
    }

    /** Codes of pixel-space images, shape {@code [n, latentSize]}. */
    public INDArray encode(INDArray x) {
        return encoder.output(toUnit(x), false);
    }

    /** Pixel-space images decoded from codes, shape {@code [n, c, h, w]}. */
    public INDArray decode(INDArray z) {
        return fromUnit(decoder.output(z.castTo(DataType.FLOAT), false));
    }

    /** {@code decode(encode(x))}. */
    public INDArray reconstruct(INDArray x) {
        return fromUnit(full.output(toUnit(x), false));
    }

    /**
     * Pulls a pixel-space gradient {@code g = dL/dx} at {@code x = decode(z)} back to the code:
     * {@code dL/dz = (dx/dz)^T g}, per example.
     */
    public INDArray latentGradient(INDArray z, INDArray pixelGradient) {
        return decoderHead.inputGradient(z.castTo(DataType.FLOAT), pixelGradient.mul(inputSpec().range()));
    }

    /**
     * Pulls a pixel-space gradient {@code g} at {@code reconstruct(x)} back to {@code x}: {@code J^T g}, the gradient
     * of {@code sum(g * reconstruct(x))} with respect to {@code x}, per example (the pixel-space scaling cancels).
     */
    public INDArray reconstructionGradient(INDArray x, INDArray pixelGradient) {
        return fullHead.inputGradient(toUnit(x), pixelGradient.castTo(DataType.FLOAT));
    }

    /**
     * Mean squared reconstruction error per image, in units of the pixel range squared (so 0.01 is an RMS error of
     * 10% of the range): how far each image is from what the model can generate.
     */
    public double[] reconstructionError(Images images) {
        INDArray x = images.toArray();
        INDArray r = reconstruct(x);
        INDArray d = r.subi(x).divi(inputSpec().range());
        return d.muli(d).reshape(images.count(), -1).mean(1).toDoubleVector();
    }

    /** An independent instance on copies of the weights, for another thread. */
    public Autoencoder copy() {
        return new Autoencoder(full.clone(), description, source, sha256);
    }

    @Override
    public void close() {
        // DL4J networks hold no resources beyond garbage-collected arrays.
    }

    private INDArray toUnit(INDArray x) {
        return x.castTo(DataType.FLOAT).sub(inputSpec().lower()).divi(inputSpec().range());
    }

    private INDArray fromUnit(INDArray u) {
        return u.mul(inputSpec().range()).addi(inputSpec().lower());
    }

    private static int latentIndex(MultiLayerNetwork net) {
        var confs = net.getLayerWiseConfigurations().getConfs();
        for (int i = 0; i < confs.size(); i++) {
            if (LATENT_LAYER.equals(confs.get(i).getLayer().getLayerName())) {
                if (i == confs.size() - 1) {
                    throw new IllegalArgumentException("the layer '" + LATENT_LAYER + "' is the last layer; an"
                            + " autoencoder needs a decoder after it");
                }
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named '" + LATENT_LAYER + "': not an AdvLens autoencoder");
    }

    /** Layers {@code [from, to)} of {@code net} as a network of their own, on a copy of their parameters. */
    private static MultiLayerNetwork slice(MultiLayerNetwork net, int from, int to) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> pre = new HashMap<>();
        long offset = 0;
        long length = 0;
        for (int i = 0; i < to; i++) {
            long n = net.getLayer(i).numParams();
            if (i < from) {
                offset += n;
                continue;
            }
            length += n;
            confs.add(conf.getConf(i).clone());
            InputPreProcessor p = conf.getInputPreProcess(i);
            if (p != null) {
                pre.put(i - from, p.clone());
            }
        }
        MultiLayerConfiguration sliced = new MultiLayerConfiguration.Builder().confs(confs).inputPreProcessors(pre)
                .dataType(conf.getDataType()).build();
        MultiLayerNetwork out = new MultiLayerNetwork(sliced);
        INDArray params = net.params().reshape(1, -1)
                .get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length)).dup().reshape(1, length);
        out.init(params, false);
        return out;
    }
}
