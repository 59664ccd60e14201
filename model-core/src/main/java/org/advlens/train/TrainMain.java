package org.advlens.train;

import java.nio.file.Path;
import org.advlens.job.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal command-line entry point for training without the application:
 * {@code TrainMain [--epochs N] [--seed S] [--batch B] [--lr R] [--limit N] [--data DIR] --out FILE}.
 * The application's {@code advlens train} command calls {@link FashionMnistTrainer#train} directly.
 */
public final class TrainMain {

    private static final Logger LOG = LoggerFactory.getLogger(TrainMain.class);

    private TrainMain() {
    }

    public static void main(String[] args) throws Exception {
        TrainingOptions options = TrainingOptions.defaults();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--epochs" -> options = options.withEpochs(Integer.parseInt(value));
                case "--seed" -> options = options.withSeed(Long.parseLong(value));
                case "--batch" -> options = options.withBatchSize(Integer.parseInt(value));
                case "--lr" -> options = options.withLearningRate(Double.parseDouble(value));
                case "--limit" -> options = options.withLimits(Integer.parseInt(value), options.testLimit());
                case "--data" -> options = options.withDataDir(Path.of(value));
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag
                        + "; expected --epochs, --seed, --batch, --lr, --limit, --data or --out");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        TrainingReport report = FashionMnistTrainer.train(options, out,
                (fraction, message) -> LOG.info("{} {}", fraction < 0 ? "" : String.format("%5.1f%%", 100 * fraction),
                        message), CancellationToken.create());
        LOG.info("report: {}", report);
    }
}
