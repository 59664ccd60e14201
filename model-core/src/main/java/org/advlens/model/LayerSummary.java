package org.advlens.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** One human-readable line per layer of a DL4J network, for the model panel and reports. */
public final class LayerSummary {

    private LayerSummary() {
    }

    public static List<String> of(MultiLayerConfiguration conf) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            lines.add(i + " " + describe(conf.getConf(i).getLayer()));
        }
        return lines;
    }

    public static List<String> of(ComputationGraphConfiguration conf) {
        List<String> lines = new ArrayList<>();
        for (String name : conf.getNetworkInputs()) {
            lines.add(name + ": input");
        }
        List<String> order = conf.getTopologicalOrderStr();
        Iterable<String> names = order != null ? order : conf.getVertices().keySet();
        for (String name : names) {
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) {
                continue;
            }
            String what = v instanceof LayerVertex lv ? describe(lv.getLayerConf().getLayer())
                    : v.getClass().getSimpleName();
            lines.add(name + ": " + what + " <- " + conf.getVertexInputs().getOrDefault(name, List.of()));
        }
        return lines;
    }

    static String describe(Layer layer) {
        StringBuilder s = new StringBuilder(layer.getClass().getSimpleName());
        if (layer.getLayerName() != null && !layer.getLayerName().matches("layer\\d+")) {
            s.append(" '").append(layer.getLayerName()).append('\'');
        }
        if (layer instanceof ConvolutionLayer c) {
            s.append(' ').append(c.getKernelSize()[0]).append('x').append(c.getKernelSize()[1])
                    .append(" stride ").append(Arrays.toString(c.getStride()));
        } else if (layer instanceof SubsamplingLayer p) {
            s.append(' ').append(p.getPoolingType()).append(' ').append(p.getKernelSize()[0]).append('x')
                    .append(p.getKernelSize()[1]).append(" stride ").append(Arrays.toString(p.getStride()));
        }
        if (layer instanceof FeedForwardLayer f) {
            s.append(", ").append(f.getNIn()).append(" -> ").append(f.getNOut());
        }
        if (layer instanceof BaseLayer b && b.getActivationFn() != null) {
            s.append(", ").append(b.getActivationFn());
        }
        if (layer instanceof BaseOutputLayer o && o.getLossFn() != null) {
            s.append(", loss ").append(o.getLossFn().name());
        }
        return s.toString();
    }
}
