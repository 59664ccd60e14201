package org.advlens.app.usecase;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;

/**
 * Saliency maps of one image (or a few) by one or more methods, each map explaining the same target class per
 * image. Methods the model does not support are skipped and named in the result. Used by {@code advlens saliency}
 * and the Saliency view.
 */
public final class ExplainImage implements Job<ExplainImage.Result> {

    /**
     * @param model the classifier
     * @param images the images to explain, of the model's input shape
     * @param labels their true labels, one per image, or {@code null} when unknown
     * @param target which class each map explains; {@link Target.Kind#TRUE_LABEL} needs {@code labels}
     * @param methods the methods, already built with their options, in the order to run
     */
    public record Request(Classifier model, Images images, int[] labels, Target target,
                          List<SaliencyMethod> methods) {

        public Request {
            Requests.fitsModel(model, images);
            Requests.required(target, "target");
            methods = Requests.nonEmpty(methods, "saliency method");
            if (labels != null) {
                if (labels.length != images.count()) {
                    throw new IllegalArgumentException(images.count() + " images need " + images.count()
                            + " labels, got " + labels.length);
                }
                labels = labels.clone();
            }
            if (target.kind() == Target.Kind.TRUE_LABEL && labels == null) {
                throw new IllegalArgumentException("the true-label target needs labelled images");
            }
        }
    }

    /**
     * One method's maps.
     *
     * @param method the method with its options
     * @param map its maps, one per image
     * @param seconds how long it took
     */
    public record Entry(SaliencyMethod method, SaliencyMap map, double seconds) {
    }

    /**
     * @param targets the class each image's maps explain
     * @param predictions the model's prediction on each image
     * @param maps one entry per method that ran, in the order asked
     * @param skipped display names of the methods the model does not support
     */
    public record Result(int[] targets, Prediction[] predictions, List<Entry> maps, List<String> skipped) {

        public Result {
            targets = targets.clone();
            predictions = predictions.clone();
            maps = List.copyOf(maps);
            skipped = List.copyOf(skipped);
        }
    }

    private final Request request;

    public ExplainImage(Request request) {
        this.request = Requests.required(request, "request");
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken token) {
        Classifier model = request.model();
        Images images = request.images();
        progress.onProgress(0, "predicting");
        Prediction[] predictions = Prediction.of(model, images);
        int[] targets;
        if (request.target().kind() == Target.Kind.PREDICTED) {
            targets = new int[predictions.length];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = predictions[i].predicted();
            }
        } else {
            targets = request.target().resolve(model, images, request.labels());
        }
        List<SaliencyMethod> methods = request.methods();
        List<Entry> maps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            SaliencyMethod m = methods.get(i);
            token.throwIfCancelled();
            if (!m.supports(model)) {
                skipped.add(m.displayName());
                continue;
            }
            progress.onProgress((double) i / methods.size(), m.displayName());
            long start = System.nanoTime();
            SaliencyMap map = m.attribute(model, images, targets, token);
            maps.add(new Entry(m, map, (System.nanoTime() - start) / 1e9));
        }
        progress.onProgress(1, "done");
        return new Result(targets, predictions, maps, skipped);
    }
}
