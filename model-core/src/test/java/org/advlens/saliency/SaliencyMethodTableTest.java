package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.method.SmoothGrad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table over every registered method on a tiny CNN: the map has the input's shape, finite values, the
 * requested targets and the method's name; it does not depend on how the images are batched (each image alone
 * gives the same map, except SmoothGrad whose noise is drawn per call); a cancelled token stops it; a bad target
 * is rejected.
 */
class SaliencyMethodTableTest {

    private static Dl4jClassifier model;
    private static Images images;
    private static final int[] TARGETS = {0, 2, 1};

    @BeforeAll
    static void setUp() {
        model = TinyNetworks.classifier(TinyNetworks.cnn(11));
        images = TinyNetworks.images(3, 5);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    static Stream<String> methods() {
        return SaliencyMethods.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void mapIsShapedLikeTheInputAndIndependentOfBatching(String name) {
        SaliencyMethod method = SaliencyMethods.byName(name);
        assertTrue(method.supports(model), name);
        SaliencyMap map = method.attribute(model, images, TARGETS, CancellationToken.create());
        assertEquals(name, map.method());
        assertArrayEquals(new int[] {3, 1, TinyNetworks.SIDE, TinyNetworks.SIDE}, map.shape());
        assertArrayEquals(TARGETS, map.targets());
        assertEquals(method.signed(), map.signed());
        boolean nonZero = false;
        for (float v : map.values()) {
            assertTrue(Float.isFinite(v), name + " gave " + v);
            nonZero |= v != 0;
        }
        assertTrue(nonZero, name + " gave an all-zero map");
        if (!name.equals(SmoothGrad.NAME)) {
            for (int i = 0; i < images.count(); i++) {
                SaliencyMap one = method.attribute(model, images.image(i), new int[] {TARGETS[i]},
                        CancellationToken.create());
                assertArrayEquals(map.image(i), one.image(0), 1e-5f, name + " image " + i);
            }
        }
        assertEquals(name, SaliencyMethods.canonical(name.toUpperCase(java.util.Locale.ROOT)));
        assertTrue(method.parameters().containsKey("batch_size"), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void cancellationAndBadTargetsStopTheMethod(String name) {
        SaliencyMethod method = SaliencyMethods.byName(name);
        CancellationToken cancelled = CancellationToken.create();
        cancelled.cancel();
        assertThrows(CancelledException.class, () -> method.attribute(model, images, TARGETS, cancelled));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> method.attribute(model, images, new int[] {0, 3, 1}, CancellationToken.create()));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void registryKnowsAliasesAndRejectsUnknownNames() {
        assertEquals(IntegratedGradients.NAME, SaliencyMethods.byName("IG").name());
        assertEquals(GradCam.NAME, SaliencyMethods.byName("Grad-CAM").name());
        assertEquals(GuidedBackprop.NAME, SaliencyMethods.byName("gbp").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SaliencyMethods.byName("lime"));
        assertTrue(e.getMessage().contains("lime") && e.getMessage().contains("gradcam"), e.getMessage());
        assertEquals(14, SaliencyMethods.supported(model).size());
    }
}
