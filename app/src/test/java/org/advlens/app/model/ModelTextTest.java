package org.advlens.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.ComputePath;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.junit.jupiter.api.Test;

/** The model view's facts say which engine runs the model, and why a model is not on the gradient engine. */
class ModelTextTest {

    private static final ModelInfo INFO = new ModelInfo("net", "memory", "", ModelFormat.ONNX,
            new InputSpec(1, 8, 8, ChannelOrder.NCHW, 0, 1, null, null), List.of("a", "b"), 10, List.of(), false);

    private static String engine(ComputePath path) {
        return ModelText.facts(INFO, path).stream().filter(f -> f.name().equals("Engine")).findFirst()
                .orElseThrow().value();
    }

    @Test
    void aModelOnTheGradientEngineSaysSo() {
        // given a classifier on the engine, when its facts are listed, then the engine line names ONNX Runtime
        assertTrue(engine(ComputePath.runtime()).startsWith("ONNX Runtime for logits and gradients"));
    }

    @Test
    void aFallbackNamesItsEnginesAndTheReason() {
        // given a model the engine declined
        ComputePath path = new ComputePath("ONNX Runtime", "SameDiff",
                "no backward rule for Pad mode 'reflect' (node 'pad1')");
        // when its facts are listed, then the line says which engines run it and why
        assertEquals("logits by ONNX Runtime, gradients by SameDiff: no backward rule for Pad mode 'reflect'"
                + " (node 'pad1')", engine(path));
    }

    @Test
    void withoutAClassifierThereIsNoEngineLine() {
        assertTrue(ModelText.facts(INFO).stream().noneMatch(f -> f.name().equals("Engine")));
    }
}
