package org.advlens.app.counterfactual;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.app.common.ImageRenderer;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.report.CounterfactualJson;
import org.advlens.report.CounterfactualPictures;
import org.advlens.model.InputSpec;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;

/**
 * Writes counterfactuals to a folder: {@code original.png}, per method {@code <method>.png},
 * {@code <method>-difference.png} and {@code <method>-path.png}, the comparison attack's
 * {@code adversarial-pgd.png} if one ran, and {@code counterfactual.json} (classes, probabilities, measures, path,
 * method settings, model and provenance).
 */
public final class CounterfactualExport {

    private CounterfactualExport() {
    }

    public static List<Path> write(CounterfactualResult r, AdversarialComparison adversarial, Path folder)
            throws IOException {
        Files.createDirectories(folder);
        InputSpec in = r.model().input();
        Counterfactual first = r.items().get(0).counterfactual();
        int scale = ImageRenderer.scaleFor(in.height(), in.width()) / 2 + 1;
        List<Path> files = new ArrayList<>();
        Path original = folder.resolve("original.png");
        CounterfactualPictures.writePng(CounterfactualPictures.image(first.original(), in.lower(), in.upper(), scale),
                original);
        files.add(original);
        ObjectNode root = CounterfactualJson.MAPPER.createObjectNode();
        root.set(ProvenanceJson.MODEL, ProvenanceJson.model(r.model()));
        String source = r.image().source().isEmpty() ? r.image().name() : r.image().source();
        ArrayNode items = root.putArray("counterfactuals");
        for (CounterfactualResult.Item item : r.items()) {
            Counterfactual c = item.counterfactual();
            String stem = c.method();
            Path png = folder.resolve(stem + ".png");
            Path diff = folder.resolve(stem + "-difference.png");
            Path path = folder.resolve(stem + "-path.png");
            CounterfactualPictures.writePng(CounterfactualPictures.image(c.counterfactual(), in.lower(), in.upper(),
                    scale), png);
            CounterfactualPictures.writePng(CounterfactualPictures.difference(c, in.range(), scale), diff);
            CounterfactualPictures.writePng(CounterfactualPictures.path(c, in.lower(), in.upper(), scale), path);
            files.addAll(List.of(png, diff, path));
            ObjectNode o = CounterfactualJson.counterfactual(c, item.plausibility(), r.model().classNames(), source);
            o.set("parameters", CounterfactualJson.MAPPER.valueToTree(item.parameters()));
            items.add(o);
        }
        if (adversarial != null) {
            Path adv = folder.resolve("adversarial-pgd.png");
            CounterfactualPictures.writePng(CounterfactualPictures.image(adversarial.outcome().adversarial(),
                    in.lower(), in.upper(), scale), adv);
            files.add(adv);
            ObjectNode a = root.putObject("comparison_attack");
            a.put("attack", "pgd");
            a.put("epsilon", adversarial.outcome().epsilon());
            a.put("target_class", adversarial.target());
            a.put("predicted_class", adversarial.after().predicted());
            a.put("success", adversarial.success());
            a.put("l2", adversarial.outcome().l2()[0]);
            a.put("linf", adversarial.outcome().linf()[0]);
        }
        root.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(Provenance.now()));
        Path json = folder.resolve("counterfactual.json");
        CounterfactualJson.MAPPER.writeValue(json.toFile(), root);
        files.add(json);
        return files;
    }
}
