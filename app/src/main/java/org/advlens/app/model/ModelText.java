package org.advlens.app.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advlens.model.ComputePath;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelInfo;

/** The facts about a model as short texts for the model view. */
public final class ModelText {

    /**
     * One fact.
     *
     * @param name what it is, e.g. "Input"
     * @param value its value, e.g. "1×28×28, NCHW"
     */
    public record Fact(String name, String value) {
    }

    private ModelText() {
    }

    public static List<Fact> facts(ModelInfo info) {
        return facts(info, null);
    }

    /** The facts, with which engine computes the logits and gradients when {@code path} is given. */
    public static List<Fact> facts(ModelInfo info, ComputePath path) {
        InputSpec in = info.input();
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("Format", info.format().displayName()));
        out.add(new Fact("Source", info.source().isEmpty() ? "—" : info.source()));
        out.add(new Fact("Input shape", ModelViewModel.shape(in) + " (channels × height × width), network layout "
                + in.layout()));
        out.add(new Fact("Pixel bounds", "[" + number(in.lower()) + ", " + number(in.upper()) + "]"));
        out.add(new Fact("Normalisation", in.normalised()
                ? "mean " + Arrays.toString(in.mean()) + ", std " + Arrays.toString(in.std()) + " (inside the model)"
                : "none"));
        out.add(new Fact("Classes", info.numClasses() + ": " + String.join(", ", info.classNames())));
        out.add(new Fact("Parameters", String.format(Locale.ROOT, "%,d", info.parameterCount())));
        out.add(new Fact("Output", info.softmaxOutput() ? "softmax (the engine attacks the logits before it)"
                : "logits"));
        if (path != null) {
            out.add(new Fact("Engine", path.onGradientEngine()
                    ? "ONNX Runtime for logits and gradients (gradient graph)"
                    : "logits by " + path.forward() + ", gradients by " + path.gradient() + ": "
                    + path.fallbackReason()));
        }
        out.add(new Fact("SHA-256", info.sha256().isEmpty() ? "—" : info.sha256()));
        return out;
    }

    /** The facts as lines "Name: value". */
    public static String summary(ModelInfo info) {
        StringBuilder b = new StringBuilder();
        for (Fact f : facts(info)) {
            b.append(f.name()).append(": ").append(f.value()).append('\n');
        }
        return b.toString().strip();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
