package org.advlens.app.usecase;

import java.util.ArrayList;
import java.util.List;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.Plausibility;
import org.advlens.counterfactual.PlausibilityMeasures;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * Counterfactuals of one image (or a few) towards a target class, one per method (pixel-space after Wachter et al.
 * 2017, on-manifold after Van Looveren and Klaise 2021), each with its plausibility measures. Used by
 * {@code advlens counterfactual} and the Counterfactual view.
 */
public final class FindCounterfactual implements Job<FindCounterfactual.Result> {

    /**
     * @param model the classifier
     * @param images the images to explain, of the model's input shape
     * @param targets the class each image should become, one per image
     * @param methods the searches, built with their options, in the order to run
     * @param measures how plausibility is measured (autoencoder and reference set, either may be absent)
     */
    public record Request(Classifier model, Images images, int[] targets, List<CounterfactualMethod> methods,
                          PlausibilityMeasures measures) {

        public Request {
            Requests.fitsModel(model, images);
            Requests.required(targets, "targets");
            if (targets.length != images.count()) {
                throw new IllegalArgumentException(images.count() + " images need " + images.count()
                        + " targets, got " + targets.length);
            }
            targets = targets.clone();
            Requests.classesOf(model, targets, "target class");
            methods = Requests.nonEmpty(methods, "counterfactual method");
            Requests.required(measures, "plausibility measures");
        }
    }

    /**
     * One method's counterfactuals.
     *
     * @param method the method with its options
     * @param counterfactuals one per image
     * @param plausibility the measures of each
     */
    public record Found(CounterfactualMethod method, List<Counterfactual> counterfactuals,
                        List<Plausibility> plausibility) {

        public Found {
            counterfactuals = List.copyOf(counterfactuals);
            plausibility = List.copyOf(plausibility);
        }
    }

    /** @param found one entry per method, in the order asked */
    public record Result(List<Found> found) {

        public Result {
            found = List.copyOf(found);
        }
    }

    private final Request request;

    public FindCounterfactual(Request request) {
        this.request = Requests.required(request, "request");
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken token) {
        List<CounterfactualMethod> methods = request.methods();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            CounterfactualMethod m = methods.get(i);
            int k = i;
            List<Counterfactual> cs = m.explain(request.model(), request.images(), request.targets(), (f, msg) ->
                    progress.onProgress((k + Math.max(0, f)) / methods.size(), m.displayName() + ": "
                            + (msg == null ? "" : msg)), token);
            found.add(new Found(m, cs, cs.stream().map(request.measures()::measure).toList()));
        }
        return new Result(found);
    }
}
