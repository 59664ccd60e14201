package org.advlens.app.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.advlens.app.train.MethodFields.Field;
import org.advlens.attack.Norm;
import org.advlens.data.FashionMnist;
import org.advlens.train.TrainingMethod;
import org.advlens.train.TrainingMethod.Kind;
import org.advlens.train.TrainingOptions;

/**
 * The training form: the method and its parameters, the optimisation settings, the held-out evaluation, the data
 * folder and the output file, as typed, with validation. {@link #errorProperty()} is empty when
 * {@link #toOptions()} would succeed.
 */
public final class TrainingSettings {

    /** The IDX files of a training folder besides the training images ({@code test-} may stand for {@code t10k-}). */
    private static final List<String> IDX_COMPANIONS = List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte");

    private final ObjectProperty<Kind> method = new SimpleObjectProperty<>(this, "method", Kind.STANDARD);
    private final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(this, "norm", Norm.LINF);
    private final Map<Field, StringProperty> methodValues = new EnumMap<>(Field.class);
    private final StringProperty epochs = text("epochs", String.valueOf(TrainingOptions.DEFAULT_EPOCHS));
    private final StringProperty batchSize = text("batchSize", String.valueOf(TrainingOptions.DEFAULT_BATCH_SIZE));
    private final StringProperty learningRate = text("learningRate",
            String.valueOf(TrainingOptions.DEFAULT_LEARNING_RATE));
    private final StringProperty seed = text("seed", String.valueOf(TrainingOptions.DEFAULT_SEED));
    private final StringProperty parsevalBeta = text("parsevalBeta", "0");
    private final StringProperty trainLimit = text("trainLimit", "10000");
    private final StringProperty testLimit = text("testLimit", "2000");
    private final StringProperty robustImages = text("robustImages",
            String.valueOf(TrainingOptions.DEFAULT_ROBUST_IMAGES));
    private final BooleanProperty keepBestRobust = new SimpleBooleanProperty(this, "keepBestRobust", false);
    private final ObjectProperty<Path> dataDir = new SimpleObjectProperty<>(this, "dataDir", FashionMnist.DEBIAN_DIR);
    private final ObjectProperty<Path> chosenOutput = new SimpleObjectProperty<>(this, "chosenOutput");
    private final ObjectBinding<Path> output;
    private final BooleanBinding adversarial;
    private final StringBinding error;

    public TrainingSettings() {
        for (Field f : Field.values()) {
            if (f != Field.NORM) {
                methodValues.put(f, text(f.name(), f.defaultText()));
            }
        }
        output = Bindings.createObjectBinding(() -> chosenOutput.get() != null ? chosenOutput.get()
                : defaultOutput(method.get()), chosenOutput, method);
        adversarial = Bindings.createBooleanBinding(() -> MethodFields.adversarial(method.get()), method);
        List<Observable> deps = new ArrayList<>(List.of(method, norm, epochs, batchSize, learningRate, seed, parsevalBeta,
                trainLimit, testLimit, robustImages, keepBestRobust, dataDir, output));
        deps.addAll(methodValues.values());
        error = Bindings.createStringBinding(this::validate, deps.toArray(Observable[]::new));
    }

    private StringProperty text(String name, String value) {
        return new SimpleStringProperty(this, name, value);
    }

    /** Where a model trained by {@code kind} is written unless another file is chosen. */
    public static Path defaultOutput(Kind kind) {
        return Path.of(System.getProperty("user.home"), "advlens-models", "fashion-cnn-" + kind.label() + ".zip");
    }

    /**
     * The training options the form describes.
     *
     * @throws IllegalArgumentException naming the field that is wrong and what it holds
     */
    public TrainingOptions toOptions() {
        TrainingMethod m = toMethod();
        TrainingOptions o = new TrainingOptions(whole("epochs", epochs), whole("batch size", batchSize),
                number("learning rate", learningRate), wholeLong("seed", seed), whole("train limit", trainLimit),
                whole("test limit", testLimit), dataDir.get()).withMethod(m);
        if (m.adversarial()) {
            o = o.withRobustEvaluation(whole("robust images", robustImages), keepBestRobust.get());
        }
        return o;
    }

    /** The method and its parameters as typed, with Parseval regularisation when its β is not 0. */
    public TrainingMethod toMethod() {
        Kind kind = method.get();
        if (kind == null) {
            throw new IllegalArgumentException("choose a training method");
        }
        return methodOf(kind).withParseval(number("Parseval β", parsevalBeta));
    }

    private TrainingMethod methodOf(Kind kind) {
        return MethodFields.build(kind, new MethodFields.Values() {
            @Override
            public Norm norm() {
                if (norm.get() == null) {
                    throw new IllegalArgumentException("choose a norm");
                }
                return norm.get();
            }

            @Override
            public double number(Field field) {
                return TrainingSettings.number(field.label(), methodValues.get(field));
            }

            @Override
            public int whole(Field field) {
                return TrainingSettings.whole(field.label(), methodValues.get(field));
            }
        });
    }

    /**
     * What keeps {@code dir} from being read as training data, or an empty string: it must hold IDX files (the
     * training images, their labels and the test images and labels, each plain or {@code .gz}) or {@code train/} and
     * {@code test/} class folders.
     */
    public static String dataProblem(Path dir) {
        if (dir == null) {
            return "choose the folder of the training data";
        }
        String choose = (dir.equals(FashionMnist.DEBIAN_DIR) ? "install the Debian package dataset-fashion-mnist"
                + " or choose" : "choose") + " a folder with IDX files (train-images-idx3-ubyte.gz and the three"
                + " others) or train/ and test/ class folders";
        if (!Files.isDirectory(dir)) {
            return (dir.equals(FashionMnist.DEBIAN_DIR) ? "Fashion-MNIST" : "training data") + " not found: " + dir
                    + " is not a folder; " + choose;
        }
        if (idx(dir, "train-images-idx3-ubyte")) {
            List<String> missing = IDX_COMPANIONS.stream().filter(stem -> !idx(dir, stem)
                    && !idx(dir, stem.replace("t10k-", "test-"))).map(stem -> stem + ".gz").toList();
            return missing.isEmpty() ? "" : dir + " has train-images-idx3-ubyte but lacks " + String.join(", ",
                    missing) + "; " + choose;
        }
        if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"))) {
            return "";
        }
        return "no training data in " + dir + ": " + choose;
    }

    private static boolean idx(Path dir, String stem) {
        return Files.isRegularFile(dir.resolve(stem + ".gz")) || Files.isRegularFile(dir.resolve(stem));
    }

    private String validate() {
        try {
            toOptions();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String data = dataProblem(dataDir.get());
        if (!data.isEmpty()) {
            return data;
        }
        Path out = output.get();
        if (out == null || out.getFileName() == null || !out.getFileName().toString().endsWith(".zip")) {
            return "the output must be a .zip file, got " + out;
        }
        if (Files.isDirectory(out)) {
            return "the output " + out + " is a folder; choose a .zip file";
        }
        return "";
    }

    private static int whole(String name, StringProperty p) {
        String t = p.get() == null ? "" : p.get().strip();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + t + "'");
        }
    }

    private static long wholeLong(String name, StringProperty p) {
        String t = p.get() == null ? "" : p.get().strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + t + "'");
        }
    }

    private static double number(String name, StringProperty p) {
        String t = p.get() == null ? "" : p.get().strip();
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number, got '" + t + "'");
    }

    /** The training method's kind. */
    public ObjectProperty<Kind> methodProperty() {
        return method;
    }

    public ObjectProperty<Norm> normProperty() {
        return norm;
    }

    /** The text of a method parameter other than the norm. */
    public StringProperty valueProperty(Field field) {
        StringProperty p = methodValues.get(field);
        if (p == null) {
            throw new IllegalArgumentException(field + " is chosen, not typed: use normProperty()");
        }
        return p;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** The retraction step of Parseval regularisation (Cisse et al. 2017) after each update; 0 for none. */
    public StringProperty parsevalBetaProperty() {
        return parsevalBeta;
    }

    /** Training images to use, 0 for all. */
    public StringProperty trainLimitProperty() {
        return trainLimit;
    }

    /** Held-out images to evaluate on, 0 for all. */
    public StringProperty testLimitProperty() {
        return testLimit;
    }

    /** Held-out images of the robust accuracy after each epoch (adversarial methods only), 0 to skip. */
    public StringProperty robustImagesProperty() {
        return robustImages;
    }

    public BooleanProperty keepBestRobustProperty() {
        return keepBestRobust;
    }

    /** The folder of the training and held-out images; the Debian package's Fashion-MNIST by default. */
    public ObjectProperty<Path> dataDirProperty() {
        return dataDir;
    }

    /** The output file the user chose, or {@code null} for {@link #defaultOutput(Kind)}. */
    public ObjectProperty<Path> chosenOutputProperty() {
        return chosenOutput;
    }

    /** The model file the run writes. */
    public ObjectBinding<Path> outputProperty() {
        return output;
    }

    /** Whether the chosen method is adversarial, so robust accuracy can be measured after each epoch. */
    public BooleanBinding adversarialProperty() {
        return adversarial;
    }

    /** What is wrong with the form, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
