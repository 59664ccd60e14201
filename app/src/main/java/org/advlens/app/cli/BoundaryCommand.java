package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.Norm;
import org.advlens.data.Datasets;
import org.advlens.data.ImageFiles;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.boundary.DecisionPlane;
import org.advlens.eval.boundary.DirectionSpec;
import org.advlens.eval.boundary.Plane;
import org.advlens.eval.boundary.PlaneDirections;
import org.advlens.eval.boundary.PlanePictures;
import org.advlens.eval.boundary.PlaneResult;
import org.advlens.eval.boundary.PlaneSpec;
import org.advlens.io.AtomicFiles;
import org.advlens.job.CancellationToken;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens boundary}: the decision plane {@code x + a.u + b.v} through one image, classified on a grid and
 * written as a PNG (class colour, confidence as brightness, boundaries, the image, the adversarial example and the
 * epsilon ball), with the grid as JSON on request. {@code --compare} adds a second model's plane beside it.
 */
@Command(name = "boundary", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Decision-boundary plane through one image: a PNG of the classes "
                + "around it, and the grid as JSON.")
final class BoundaryCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--image", paramLabel = "FILE", description = "PNG (or JPEG, BMP, GIF) image")
    Path image;

    @Option(names = "--index", paramLabel = "N",
            description = "index into the bundled Fashion-MNIST test images (default: 0 when --image is not given)")
    Integer index;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "class for the gradient and attacks (index or name); default: the model's prediction")
    String label;

    @Option(names = "--u", paramLabel = "DIR", defaultValue = "attack:fgsm",
            description = "first direction: gradient, random, attack:NAME, counterfactual (towards the runner-up "
                    + "class) or counterfactual:CLASS (default: attack:fgsm)")
    String u;

    @Option(names = "--v", paramLabel = "DIR", defaultValue = "random",
            description = "second direction, made orthogonal to the first (default: random)")
    String v;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "0.1",
            description = "budget of attack directions and of the drawn ball (default: 0.1)")
    double eps;

    @Option(names = "--norm", paramLabel = "NORM", defaultValue = "linf", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed: u uses S, v uses S+1 (default: 0)")
    long seed;

    @Option(names = "--resolution", paramLabel = "N", defaultValue = "101",
            description = "cells per side (default: 101)")
    int resolution;

    @Option(names = "--extent", paramLabel = "E", defaultValue = "3x",
            description = "half-width of the plane: pixel-space L2 units (e.g. 8), or a multiple of the eps ball's "
                    + "radius in the plane (e.g. 3x; default)")
    String extent;

    @Option(names = "--clip", description = "clip every point to the model's input range (default: the plane is "
            + "not clipped)")
    boolean clip;

    @Option(names = "--compare", paramLabel = "MODEL",
            description = "a second model (file, or 'robust' for the bundled PGD-trained CNN) drawn beside the first "
                    + "at the same extent, each with its own directions")
    String compare;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the PNG to write")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the grid as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("--eps must be finite and > 0, got " + eps);
        }
        if (image != null && index != null) {
            throw new IllegalArgumentException("give either --image or --index, not both");
        }
        if (image != null) {
            CliFiles.requireFile(image, "image");
        }
        Norm n = Norm.parse(norm);
        DirectionSpec du = DirectionSpec.parse(u, eps, n, seed);
        DirectionSpec dv = DirectionSpec.parse(v, eps, n, seed + 1);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<PlaneResult> results = new ArrayList<>();
        String source;
        try (Classifier first = model.load(); Classifier second = loadCompare()) {
            float[] x;
            int cls = -1;
            if (image != null) {
                x = ImageFiles.read(image, first.inputSpec()).pixels();
                source = image.toString();
            } else {
                LabelledDataset set = Datasets.bundledEvaluation(first.inputSpec());
                int i = index == null ? 0 : index;
                if (i < 0 || i >= set.size()) {
                    throw new IllegalArgumentException("--index " + i + " is outside the bundled set's " + set.size()
                            + " images");
                }
                x = set.images().image(i).pixels();
                source = set.source() + "#" + i;
            }
            if (label != null) {
                cls = ClassNames.resolve(label, first.classNames(), "--label");
            }
            Double fixedExtent = null;
            for (Classifier c : second == null ? List.of(first) : List.of(first, second)) {
                stderr.printf(Locale.ROOT, "boundary: %s, u=%s, v=%s%n", c.info().name(), du.label(), dv.label());
                stderr.flush();
                Plane plane = PlaneDirections.build(c, x, cls, du, dv, eps, n, CancellationToken.create());
                double e = fixedExtent != null ? fixedExtent : extentFor(plane);
                fixedExtent = e;
                PlaneSpec grid = new PlaneSpec(resolution, e, e, clip, resolution > 8 ? 4 : 1, 256);
                PlaneResult r = Jobs.runNow(new DecisionPlane(c, plane, grid, p -> { }),
                        new StderrProgress(stderr, "boundary "));
                results.add(r);
                stdout.println(summary(r));
            }
        }
        List<BufferedImage> pictures = new ArrayList<>();
        for (PlaneResult r : results) {
            pictures.add(PlanePictures.render(r, 480));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writePng(PlanePictures.sideBySide(pictures), out);
        String wrote = "wrote " + out;
        if (json != null) {
            Path jp = json.toAbsolutePath().getParent();
            if (jp != null) {
                Files.createDirectories(jp);
            }
            AtomicFiles.writeString(json, Json.write(toJson(results, source)));
            wrote += ", " + json;
        }
        stdout.println(wrote);
        stdout.flush();
        return 0;
    }

    private Classifier loadCompare() throws Exception {
        if (compare == null) {
            return null;
        }
        if (compare.equalsIgnoreCase("robust")) {
            return ModelLoader.bundledRobust();
        }
        Path p = Path.of(compare);
        CliFiles.requireFile(p, "--compare model");
        return ModelLoader.load(p);
    }

    private double extentFor(Plane plane) {
        String t = extent.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("x")) {
                double k = Double.parseDouble(t.substring(0, t.length() - 1));
                if (!(k > 0) || !Double.isFinite(k)) {
                    throw new IllegalArgumentException("--extent must be > 0, got " + extent);
                }
                return k * plane.ballRadius();
            }
            double e = Double.parseDouble(t);
            if (!(e > 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("--extent must be > 0, got " + extent);
            }
            return e;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--extent must be a number (L2 units) or a multiple like 3x, got '"
                    + extent + "'");
        }
    }

    static String summary(PlaneResult r) {
        double[] adv = r.plane().adversarial();
        return String.format(Locale.ROOT, "%s: image is %s; margin along u %s, along v %s (L2, extent +-%.3f)%s",
                r.modelName(), r.classNames().get(r.originalClass()), margin(r.margin(0)), margin(r.margin(1)),
                r.spec().extentA(), adv == null ? "" : String.format(Locale.ROOT, "; adversarial at (%.3f, %.3f)",
                        adv[0], adv[1]));
    }

    private static String margin(double m) {
        return Double.isNaN(m) ? "beyond the extent" : String.format(Locale.ROOT, "%.3f", m);
    }

    private static ObjectNode toJson(List<PlaneResult> results, String source) {
        ObjectNode root = Json.object();
        root.put("format_version", 1);
        root.put("image", source);
        ArrayNode planes = root.putArray("planes");
        for (PlaneResult r : results) {
            ObjectNode p = planes.addObject();
            p.put("model", r.modelName());
            p.put("u", r.plane().uLabel());
            p.put("v", r.plane().vLabel());
            p.put("label", r.plane().label());
            p.put("epsilon", r.plane().epsilon());
            p.put("norm", r.plane().norm().label());
            p.put("resolution", r.resolution());
            p.put("extent_a", r.spec().extentA());
            p.put("extent_b", r.spec().extentB());
            p.put("clipped", r.spec().clip());
            p.put("original_class", r.originalClass());
            double[] adv = r.plane().adversarial();
            if (adv != null) {
                p.putArray("adversarial").add(adv[0]).add(adv[1]);
            } else {
                p.putNull("adversarial");
            }
            putMargin(p, "margin_u", r.margin(0));
            putMargin(p, "margin_v", r.margin(1));
            ArrayNode names = p.putArray("class_names");
            r.classNames().forEach(names::add);
            ArrayNode predicted = p.putArray("predicted");
            ArrayNode confidence = p.putArray("confidence");
            for (int j = 0; j < r.resolution(); j++) {
                ArrayNode pr = predicted.addArray();
                ArrayNode cr = confidence.addArray();
                for (int i = 0; i < r.resolution(); i++) {
                    pr.add(r.predictedAt(i, j));
                    cr.add(Math.round(r.confidenceAt(i, j) * 10000) / 10000.0);
                }
            }
        }
        root.set("provenance", Json.provenance());
        return root;
    }

    private static void putMargin(ObjectNode p, String key, double m) {
        if (Double.isNaN(m)) {
            p.putNull(key);
        } else {
            p.put(key, m);
        }
    }
}
