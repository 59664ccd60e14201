package org.advlens.app.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.Occlusion;
import org.advlens.saliency.method.SmoothGrad;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaliencySettingsTest {

    private SaliencySettings settings;

    @BeforeEach
    void givenSettingsForTenClasses() {
        settings = new SaliencySettings();
        settings.useClasses(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
    }

    @Test
    void theParametersReachTheMethods() {
        // given every parameterised method chosen with non-default values
        settings.choose("smoothgrad", "ig", "occlusion", "grad-cam");
        settings.smoothSamplesProperty().set(7);
        settings.smoothNoiseProperty().set("0.2");
        settings.igStepsProperty().set(12);
        settings.igBaselineProperty().set(IntegratedGradients.Baseline.BLURRED);
        settings.occlusionPatchProperty().set(6);
        settings.occlusionStrideProperty().set(3);
        settings.occlusionFillProperty().set("0.5");
        settings.useLayers(List.of("conv1", "conv2"));
        settings.gradCamLayerProperty().set("conv1");
        // when the methods are built
        List<SaliencyMethod> methods = settings.methods();
        // then each carries its settings, in registry order
        assertEquals(List.of("smoothgrad", "integrated-gradients", "occlusion", "gradcam"),
                methods.stream().map(SaliencyMethod::name).toList());
        SmoothGrad.Options sg = ((SmoothGrad) methods.get(0)).options();
        assertEquals(7, sg.samples());
        assertEquals(0.2, sg.noiseLevel(), 1e-12);
        IntegratedGradients.Options ig = ((IntegratedGradients) methods.get(1)).options();
        assertEquals(12, ig.steps());
        assertEquals(IntegratedGradients.Baseline.BLURRED, ig.baseline());
        Occlusion.Options oc = ((Occlusion) methods.get(2)).options();
        assertEquals(6, oc.patchSize());
        assertEquals(3, oc.stride());
        assertEquals(0.5, oc.fill(), 1e-12);
        assertEquals("conv1", ((GradCam) methods.get(3)).options().layer());
        assertEquals("", settings.errorProperty().get());
    }

    @Test
    void badValuesAreReportedWithTheValue() {
        // when the noise is not a number
        settings.smoothNoiseProperty().set("lots");
        // then the error names it, and building the methods is refused
        assertTrue(settings.errorProperty().get().contains("lots"), settings.errorProperty().get());
        assertThrows(IllegalArgumentException.class, settings::methods);
        // and an out-of-range noise is rejected by the engine's own check, with the value
        settings.smoothNoiseProperty().set("50");
        settings.choose("smoothgrad");
        assertTrue(settings.errorProperty().get().contains("50"), settings.errorProperty().get());
        // and a fill that is not a number too
        settings.smoothNoiseProperty().set("0.1");
        settings.occlusionFillProperty().set("grey");
        assertTrue(settings.errorProperty().get().contains("grey"), settings.errorProperty().get());
        settings.occlusionFillProperty().set("");
        assertEquals("", settings.errorProperty().get());
    }

    @Test
    void noMethodChosenIsAnError() {
        // when every method is unchecked
        settings.choose();
        // then the form says so
        assertEquals("choose at least one method", settings.errorProperty().get());
    }

    @Test
    void theTargetFollowsTheChoice() {
        // given the default (predicted)
        assertEquals(Target.predicted(), settings.target());
        // when a class is chosen
        settings.targetKindProperty().set(Target.Kind.CLASS);
        settings.targetClassProperty().set(4);
        // then the target is that class
        assertEquals(Target.ofClass(4), settings.target());
        // and a class outside the model's is an error
        settings.targetClassProperty().set(12);
        assertEquals("choose a target class", settings.errorProperty().get());
    }

    @Test
    void aLayerTheNewModelLacksFallsBackToTheLast() {
        // given a chosen layer
        settings.useLayers(List.of("conv1", "conv2"));
        settings.gradCamLayerProperty().set("conv2");
        // when a model without it is loaded
        settings.useLayers(List.of("c1"));
        // then Grad-CAM uses the last convolutional layer
        assertEquals("", settings.gradCamLayerProperty().get());
    }
}
