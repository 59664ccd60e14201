package org.advlens.eval.calibration;

/**
 * Temperature scaling (Guo, Pleiss, Sun and Weinberger, "On Calibration of Modern Neural Networks", ICML 2017):
 * one scalar {@code T > 0} that divides every logit, chosen to minimise the negative log-likelihood on held-out
 * labelled data. It leaves every prediction unchanged.
 *
 * <p>The NLL is convex in {@code 1/T}, hence unimodal in {@code u = log T}; the fit is a golden-section search on
 * {@code u} over {@code [log 0.01, log 100]} down to an interval of {@code 1e-9}, in double precision. A minimum
 * at an end of the interval (separable or label-noise data) is returned as that end.
 */
public final class TemperatureScaling {

    /** The smallest temperature searched. */
    public static final double MIN_TEMPERATURE = 0.01;
    /** The largest temperature searched. */
    public static final double MAX_TEMPERATURE = 100;

    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    /**
     * The fitted temperature and the NLL on the fitting data before (T = 1) and after.
     *
     * @param temperature the fitted T
     * @param nllBefore the mean NLL at T = 1
     * @param nllAfter the mean NLL at the fitted T
     * @param count the examples fitted on
     */
    public record Fit(double temperature, double nllBefore, double nllAfter, int count) {
    }

    private TemperatureScaling() {
    }

    /** The temperature minimising the mean NLL of {@code predictions}. */
    public static Fit fit(Predictions predictions) {
        double a = Math.log(MIN_TEMPERATURE);
        double b = Math.log(MAX_TEMPERATURE);
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = nll(predictions, Math.exp(c));
        double fd = nll(predictions, Math.exp(d));
        while (b - a > 1e-9) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = nll(predictions, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = nll(predictions, Math.exp(d));
            }
        }
        double t = Math.exp((a + b) / 2);
        return new Fit(t, nll(predictions, 1), nll(predictions, t), predictions.size());
    }

    /** The mean NLL of {@code predictions} at {@code temperature}. */
    public static double nll(Predictions predictions, double temperature) {
        CalibrationReport.checkTemperature(temperature);
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            sum += predictions.negativeLogLikelihood(i, temperature);
        }
        return sum / predictions.size();
    }
}
