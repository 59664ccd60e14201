package org.advlens.saliency;

import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoader;
import org.advlens.model.NetworkBacked;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ExploreGbpTmpTest {
    @Test
    void explore() throws Exception {
        Classifier model = ModelLoader.bundledDefault();
        MultiLayerNetwork orig = (MultiLayerNetwork) ((NetworkBacked) model).network();
        Classifier r = ModelRandomization.randomized(model, List.of(0, 4), 1L);
        MultiLayerNetwork rn = (MultiLayerNetwork) ((NetworkBacked) r).network();
        for (int p : new int[] {0, 2, 4}) {
            System.out.println(p + " orig b " + orig.getLayer(p).getParam("b"));
            System.out.println(p + " rand b " + rn.getLayer(p).getParam("b"));
            System.out.println(p + " orig W std " + orig.getLayer(p).getParam("W").stdNumber() + " rand " + rn.getLayer(p).getParam("W").stdNumber());
        }
        System.out.println("conf weight init " + ((org.deeplearning4j.nn.conf.layers.BaseLayer) rn.getLayer(0).conf().getLayer()).getWeightInitFn()
            + " biasInit " + ((org.deeplearning4j.nn.conf.layers.BaseLayer) rn.getLayer(0).conf().getLayer()).getBiasInit());
        System.out.println("params() same as flattened view? " + (rn.getLayer(0).params() == rn.getLayer(0).params()) + " " + rn.getLayer(0).params().isView());
    }
}
