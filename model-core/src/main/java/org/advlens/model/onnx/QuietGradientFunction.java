package org.advlens.model.onnx;

import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's gradient function up front. SameDiff 1.0.0-M2.1 prints one line per differentiated op
 * ({@code "Added differentiated op ..."}) to {@code System.out} while it does so, which would mix into the command
 * line tools' output; for that moment {@code System.out} is wrapped in a stream that drops exactly those lines and
 * passes everything else through, so other threads' output is not lost.
 */
final class QuietGradientFunction {

    private static final String NOISE = "Added differentiated op ";
    private static final Object LOCK = new Object();

    private QuietGradientFunction() {
    }

    static void create(SameDiff sd, String... wrt) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(original, true) {
                @Override
                public void println(String x) {
                    if (x == null || !x.startsWith(NOISE)) {
                        super.println(x);
                    }
                }
            });
            try {
                sd.createGradFunction(wrt);
            } finally {
                System.setOut(original);
            }
        }
    }
}
