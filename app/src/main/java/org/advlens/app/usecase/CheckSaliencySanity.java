package org.advlens.app.usecase;

import java.util.List;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.sanity.DataRandomizationCheck;
import org.advlens.saliency.sanity.DataRandomizationResult;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.SanityCheckResult;

/**
 * The saliency sanity checks of Adebayo et al. (2018), "Sanity Checks for Saliency Maps": randomise the model's
 * parameters (cascading or one layer at a time), or retrain it on permuted labels, and compare each method's maps
 * with the original ones. Used by {@code advlens sanity} and the Sanity view.
 */
public final class CheckSaliencySanity implements Job<CheckSaliencySanity.Result> {

    /** Which test to run. */
    public sealed interface Test permits ParameterRandomization, DataRandomization {
    }

    /** The model parameter randomization test. */
    public record ParameterRandomization(ParameterRandomizationCheck.Options options) implements Test {

        public ParameterRandomization {
            Requests.required(options, "randomization options");
        }
    }

    /**
     * The data randomization test: train a copy of the bundled architecture on permuted labels.
     *
     * @param training the training set whose labels are permuted
     * @param options the training's options, seed included
     */
    public record DataRandomization(LabelledDataset training, DataRandomizationCheck.Options options) implements Test {

        public DataRandomization {
            Requests.required(training, "training set");
            Requests.required(options, "training options");
        }
    }

    /**
     * @param model the classifier
     * @param data the images whose maps are compared, with their labels
     * @param target which class the maps explain
     * @param methods the saliency methods, built with their options
     * @param test the test to run
     */
    public record Request(Classifier model, LabelledDataset data, Target target, List<SaliencyMethod> methods,
                          Test test) {

        public Request {
            Requests.required(data, "data set");
            Requests.fitsModel(model, data.images());
            Requests.required(target, "target");
            methods = Requests.nonEmpty(methods, "saliency method");
            Requests.required(test, "test");
        }
    }

    /**
     * @param targets the class each image's maps explain
     * @param comparison the similarity of the maps with the original ones, per method and step
     * @param dataRandomization the permuted-label training's figures, or {@code null} for parameter randomization
     */
    public record Result(int[] targets, SanityCheckResult comparison, DataRandomizationResult dataRandomization) {

        public Result {
            targets = targets.clone();
            Requests.required(comparison, "comparison");
        }
    }

    private final Request request;

    public CheckSaliencySanity(Request request) {
        this.request = Requests.required(request, "request");
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken token) throws Exception {
        Classifier model = request.model();
        LabelledDataset data = request.data();
        int[] targets = request.target().resolve(model, data.images(), data.labels());
        token.throwIfCancelled();
        if (request.test() instanceof DataRandomization d) {
            DataRandomizationResult r = new DataRandomizationCheck(model, d.training(), data.images(), targets,
                    data.labels(), request.methods(), d.options()).run(progress, token);
            return new Result(targets, r.comparison(), r);
        }
        ParameterRandomization p = (ParameterRandomization) request.test();
        SanityCheckResult r = new ParameterRandomizationCheck(model, data.images(), targets, request.methods(),
                p.options()).run(progress, token);
        return new Result(targets, r, null);
    }
}
