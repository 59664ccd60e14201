package org.advlens.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.advlens.data.DataLoadException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a run stands after a finished epoch, so that a cancelled or killed run resumes from there: the network
 * with its optimiser's state, the epoch, the per-epoch history and, when the best robust epoch is kept, that
 * epoch's weights. It is written next to the model file being trained ({@code model.zip.checkpoint/}), each file
 * to a temporary name first and then moved, so a run killed while writing leaves the previous checkpoint whole.
 * A run that ends deletes it.
 *
 * <p>A checkpoint belongs to its settings: it resumes only a run with the same options apart from the number of
 * epochs, which may grow. Because the minibatch order, the attacks' seeds and the augmentations' draws follow from
 * the seed, the epoch and the minibatch, a resumed run continues exactly as the uninterrupted one would.
 *
 * @param epoch the last finished epoch
 * @param history the metrics of epochs 1 to {@code epoch}
 * @param bestEpoch the epoch whose weights are kept as the best robust ones, or 0
 * @param bestRobust that epoch's robust accuracy, or -1
 * @param settings the options the run was started with, as {@link #settingsOf} writes them
 */
public record TrainingCheckpoint(int epoch, List<EpochMetrics> history, int bestEpoch, double bestRobust,
                                 String settings) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = "network.zip";
    private static final String BEST = "best-weights.bin";
    private static final String STATE = "state.json";

    public TrainingCheckpoint {
        if (epoch < 1 || history == null || history.size() != epoch) {
            throw new IllegalArgumentException("a checkpoint needs the history of each of its " + epoch + " epochs");
        }
        history = List.copyOf(history);
    }

    /** The folder of the checkpoint of a run that writes {@code output}. */
    public static Path folderFor(Path output) {
        return output.resolveSibling(output.getFileName() + ".checkpoint");
    }

    /** The options that must match for a resume: all of them but the number of epochs. */
    public static String settingsOf(TrainingOptions options) {
        return options.withEpochs(1).toString();
    }

    /**
     * The last finished epoch of a checkpoint beside {@code output} that a run with {@code options} can resume, or 0
     * when there is none (no checkpoint, an unreadable one, other settings, or no epochs left).
     */
    public static int resumableEpoch(TrainingOptions options, Path output) {
        Path folder = folderFor(output);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try {
            TrainingCheckpoint c = read(folder);
            return c.settings().equals(settingsOf(options)) && c.epoch() < options.epochs() ? c.epoch() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes this checkpoint with {@code net} (and its optimiser's state) and {@code bestWeights} (or null). */
    public void write(Path folder, MultiLayerNetwork net, INDArray bestWeights) throws IOException {
        Files.createDirectories(folder);
        Path temp = folder.resolve(NETWORK + ".tmp");
        ModelSerializer.writeModel(net, temp.toFile(), true);
        Files.move(temp, folder.resolve(NETWORK), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (bestWeights != null) {
            Path best = folder.resolve(BEST + ".tmp");
            Nd4j.saveBinary(bestWeights, best.toFile());
            Files.move(best, folder.resolve(BEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        ObjectNode state = JSON.createObjectNode();
        state.put("format_version", 1);
        state.put("epoch", epoch);
        state.put("best_epoch", bestEpoch);
        state.put("best_robust", bestRobust);
        state.put("settings", settings);
        ArrayNode h = state.putArray("history");
        for (EpochMetrics m : history) {
            ObjectNode e = h.addObject();
            e.put("epoch", m.epoch());
            e.put("mean_loss", m.meanLoss());
            e.put("clean_accuracy", m.cleanAccuracy());
            if (!Double.isNaN(m.robustAccuracy())) {
                e.put("robust_accuracy", m.robustAccuracy());
            }
        }
        Path stateTemp = folder.resolve(STATE + ".tmp");
        Files.writeString(stateTemp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        Files.move(stateTemp, folder.resolve(STATE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the state of the checkpoint in {@code folder}; the network is read by {@link #network}. */
    public static TrainingCheckpoint read(Path folder) throws IOException {
        Path file = folder.resolve(STATE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(folder.resolve(NETWORK))) {
            throw new DataLoadException(folder, "holds no checkpoint (" + STATE + " and " + NETWORK + ")");
        }
        JsonNode state;
        try {
            state = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DataLoadException(file, "is not a readable checkpoint state: " + e.getMessage());
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (JsonNode e : state.path("history")) {
            history.add(new EpochMetrics(e.path("epoch").asInt(), e.path("mean_loss").asDouble(),
                    e.path("clean_accuracy").asDouble(),
                    e.has("robust_accuracy") ? e.get("robust_accuracy").asDouble() : Double.NaN));
        }
        try {
            return new TrainingCheckpoint(state.path("epoch").asInt(), history, state.path("best_epoch").asInt(),
                    state.path("best_robust").asDouble(-1), state.path("settings").asText());
        } catch (IllegalArgumentException e) {
            throw new DataLoadException(file, "is not a consistent checkpoint: " + e.getMessage());
        }
    }

    /** The network of the checkpoint in {@code folder}, with its optimiser's state. */
    public static MultiLayerNetwork network(Path folder) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(folder.resolve(NETWORK).toFile(), true);
    }

    /** The kept best weights of the checkpoint in {@code folder}, or null when there are none. */
    public static INDArray bestWeights(Path folder) throws IOException {
        Path best = folder.resolve(BEST);
        return Files.isRegularFile(best) ? Nd4j.readBinary(best.toFile()) : null;
    }

    /** Deletes the checkpoint in {@code folder}, if any. */
    public static void delete(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        for (String name : List.of(NETWORK, BEST, STATE, NETWORK + ".tmp", BEST + ".tmp", STATE + ".tmp")) {
            Files.deleteIfExists(folder.resolve(name));
        }
        try (var rest = Files.list(folder)) {
            if (rest.findAny().isEmpty()) {
                Files.delete(folder);
            }
        }
    }
}
