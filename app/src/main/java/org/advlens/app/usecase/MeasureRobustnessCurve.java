package org.advlens.app.usecase;

import java.util.function.Consumer;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.RobustnessCurve;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * Accuracy versus epsilon for one or more fixed-budget attacks over a labelled data set, in one pass per batch
 * (Foolbox's many-epsilons call, Rauber et al. 2020), with the engine's gradient-masking checks (Carlini et al.
 * 2019). Each point is handed to a listener as it finishes. Used by {@code advlens curve} and the Curves view.
 */
public final class MeasureRobustnessCurve implements Job<CurveResult> {

    /**
     * @param model the classifier
     * @param data the labelled images, of the model's input shape
     * @param spec the attacks with their parameters, the epsilons and the batch size
     */
    public record Request(Classifier model, LabelledDataset data, CurveSpec spec) {

        public Request {
            Requests.required(data, "data set");
            Requests.fitsModel(model, data.images());
            Requests.required(spec, "curve settings");
        }
    }

    private final Request request;
    private final Consumer<CurvePoint> onPoint;

    /** @param onPoint called with each point as it finishes, on the thread that runs the job */
    public MeasureRobustnessCurve(Request request, Consumer<CurvePoint> onPoint) {
        this.request = Requests.required(request, "request");
        this.onPoint = Requests.required(onPoint, "point listener");
    }

    @Override
    public CurveResult run(ProgressListener progress, CancellationToken token) throws Exception {
        return new RobustnessCurve(request.model(), request.data(), request.spec(), onPoint).run(progress, token);
    }
}
