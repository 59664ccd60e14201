package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.advlens.bench.Benchmark;
import org.advlens.bench.BenchmarkResult;
import org.advlens.bench.CounterfactualBenchmark;
import org.advlens.bench.EngineInfo;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens bench}: images per second of the forward pass, the forward pass with input gradient, FGSM and
 * PGD-20, and single-image FGSM latency, printed as JSON with the command line and the machine; with
 * {@code --counterfactuals}, the time of the counterfactual searches instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Measure the engine's speed on the bundled model and data; JSON on "
                + "standard output.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--images", paramLabel = "N", defaultValue = "1000",
            description = "images per repetition for forward, gradient and FGSM (default: 1000)")
    int images;

    @Option(names = "--pgd-images", paramLabel = "N", defaultValue = "200",
            description = "images per repetition for PGD-20 (default: 200)")
    int pgdImages;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "timed repetitions after a warm-up; the median is reported (default: 5)")
    int repetitions;

    @Option(names = "--latency-runs", paramLabel = "N", defaultValue = "50",
            description = "single-image FGSM runs timed (default: 50)")
    int latencyRuns;

    @Option(names = "--counterfactuals", description = "time the counterfactual searches instead: pixel-space and "
            + "on-manifold (bundled autoencoder or --generator), each image to its second most likely class")
    boolean counterfactuals;

    @Option(names = "--certification", description = "time randomized-smoothing certification instead: CERTIFY with"
            + " sigma 0.25, n0 100, n 10,000, alpha 0.001, batch 1,000 on --cert-images images (advlens certify)")
    boolean certification;

    @Option(names = "--cert-images", paramLabel = "N", defaultValue = "100",
            description = "with --certification: images to certify (default: 100)")
    int certImages;

    @Option(names = "--corruptions", description = "time the full common-corruption table instead: all 19 "
            + "corruptions at severities 1-5 on --images images (advlens corruptions)")
    boolean corruptionTable;

    @Option(names = "--generator", paramLabel = "FILE", description = "with --counterfactuals: autoencoder zip for "
            + "the on-manifold search (default: the bundled one for the bundled model's inputs)")
    Path generator;

    @Option(names = "--cf-images", paramLabel = "N", defaultValue = "64",
            description = "with --counterfactuals: images searched together (default: 64)")
    int cfImages;

    @Option(names = "--cf-single", paramLabel = "N", defaultValue = "5",
            description = "with --counterfactuals: images timed one at a time (default: 5)")
    int cfSingle;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "limit ND4J's master and BLAS threads (default: 0, leave ND4J's choice); the threads "
                    + "inside one operation follow OMP_NUM_THREADS")
    int threads;

    private String computePath = "";

    @Option(names = "--reference-engine", description = "with --reference: time the DL4J path the gradient engine"
            + " replaced, for comparison")
    boolean referenceEngine;

    @Option(names = "--reference", paramLabel = "NAME",
            description = "time a larger generated network instead of --model: resnet (ResNet-style CNN on "
                    + "3x32x32 inputs with random weights and random data)")
    String reference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (counterfactuals) {
            return benchCounterfactuals();
        }
        if (corruptionTable) {
            return benchCorruptions();
        }
        if (certification) {
            return benchCertification();
        }
        Benchmark.Options options = new Benchmark.Options(batch, images, pgdImages, repetitions, latencyRuns, 0.1,
                threads);
        if (threads > 0) {
            EngineInfo.setMaxThreads(threads); // before loading: ONNX Runtime sessions take it when they open
        }
        try (Classifier classifier = reference == null ? model.load() : referenceModel()) {
            LabelledDataset set = reference == null ? data.load(classifier, spec.commandLine().getErr())
                    : org.advlens.data.Datasets.random(classifier, Math.max(images, pgdImages), 1);
            computePath = classifier.computePath().describe();
            BenchmarkResult r = Jobs.runNow(new Benchmark(classifier, set, options),
                    new StderrProgress(spec.commandLine().getErr(), "bench "));
            spec.commandLine().getOut().println(Json.write(toJson(r, options)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private int benchCounterfactuals() throws Exception {
        if (reference != null) {
            throw new IllegalArgumentException("--counterfactuals times the --model, not a --reference network");
        }
        CounterfactualBenchmark.Options options = new CounterfactualBenchmark.Options(cfImages, cfSingle);
        if (threads > 0) {
            EngineInfo.setMaxThreads(threads);
        }
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr());
            Autoencoder ae = generator != null ? Autoencoder.load(CliFiles.requireFile(generator, "generator"))
                    : CounterfactualCommand.defaultGenerator(classifier, "pixel");
            List<CounterfactualMethod> methods = new ArrayList<>(List.of(new PixelCounterfactual()));
            if (ae != null) {
                methods.add(new LatentCounterfactual(ae));
            }
            List<CounterfactualBenchmark.Timing> timings = Jobs.runNow(new CounterfactualBenchmark(classifier, set,
                    methods, options), new StderrProgress(spec.commandLine().getErr(), "bench "));
            ObjectNode root = header(EngineInfo.current());
            root.put("model", classifier.info().name());
            root.put("model_sha256", classifier.info().sha256());
            root.put("data", set.name());
            root.put("target", "second most likely class");
            ArrayNode t = root.putArray("counterfactuals");
            for (int i = 0; i < timings.size(); i++) {
                CounterfactualBenchmark.Timing timing = timings.get(i);
                ObjectNode o = t.addObject();
                o.put("method", timing.method());
                o.set("parameters", Json.MAPPER.valueToTree(methods.get(i).parameters()));
                o.put("images", timing.images());
                o.put("batch_seconds", Math.round(timing.batchSeconds() * 100) / 100.0);
                o.put("images_per_second", Math.round(timing.imagesPerSecond() * 100) / 100.0);
                o.put("successes", timing.batchSuccesses());
                o.put("mean_steps", Math.round(timing.meanSteps() * 10) / 10.0);
                ObjectNode single = o.putObject("single_image_seconds");
                single.put("runs", options.singleRuns());
                single.put("median", Math.round(timing.singleMedianSeconds() * 1000) / 1000.0);
                single.put("p90", Math.round(timing.singleP90Seconds() * 1000) / 1000.0);
            }
            spec.commandLine().getOut().println(Json.write(root));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private int benchCertification() throws Exception {
        if (reference != null) {
            throw new IllegalArgumentException("--certification times the --model, not a --reference network");
        }
        if (threads > 0) {
            EngineInfo.setMaxThreads(threads);
        }
        org.advlens.eval.RandomizedSmoothing.Options options =
                new org.advlens.eval.RandomizedSmoothing.Options(0.25, 100, 10_000, 0.001, 1000);
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr()).limit(certImages);
            long start = System.nanoTime();
            org.advlens.eval.Certification.Result r = Jobs.runNow(new org.advlens.eval.Certification(classifier, set,
                    options, 0), new StderrProgress(spec.commandLine().getErr(), "bench "));
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode root = header(EngineInfo.current());
            root.put("model", classifier.info().name());
            root.put("model_sha256", classifier.info().sha256());
            root.put("data", set.name());
            ObjectNode o = root.putObject("certification");
            o.put("images", set.size());
            o.put("sigma", options.sigma());
            o.put("n0", options.n0());
            o.put("n", options.n());
            o.put("batch", options.batchSize());
            long forwards = (long) set.size() * (options.n0() + options.n());
            o.put("noisy_forward_passes", forwards);
            o.put("seconds", Math.round(seconds * 100) / 100.0);
            o.put("forward_passes_per_second", Math.round(forwards / seconds));
            o.put("certified_accuracy_at_0", r.certifiedAccuracy(0));
            o.put("abstain_rate", r.abstainRate());
            spec.commandLine().getOut().println(Json.write(root));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private int benchCorruptions() throws Exception {
        if (reference != null) {
            throw new IllegalArgumentException("--corruptions times the --model, not a --reference network");
        }
        if (threads > 0) {
            EngineInfo.setMaxThreads(threads);
        }
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr()).limit(images);
            org.advlens.eval.CorruptionEvaluation.Options options = org.advlens.eval.CorruptionEvaluation.Options
                    .all(0);
            long start = System.nanoTime();
            org.advlens.eval.CorruptionEvaluation.Result r = Jobs.runNow(new org.advlens.eval.CorruptionEvaluation(
                    classifier, null, set, options), new StderrProgress(spec.commandLine().getErr(), "bench "));
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode root = header(EngineInfo.current());
            root.put("model", classifier.info().name());
            root.put("model_sha256", classifier.info().sha256());
            root.put("data", set.name());
            ObjectNode o = root.putObject("corruption_table");
            o.put("images", set.size());
            o.put("corruptions", r.rows().size());
            o.put("severities", options.severities().length);
            long corrupted = (long) set.size() * r.rows().size() * options.severities().length;
            o.put("corrupted_images", corrupted);
            o.put("batch", options.batchSize());
            o.put("seconds", Math.round(seconds * 100) / 100.0);
            o.put("corrupt_seconds", Math.round(r.corruptSeconds() * 100) / 100.0);
            o.put("classify_seconds", Math.round(r.classifySeconds() * 100) / 100.0);
            o.put("corrupted_images_per_second", Math.round(corrupted / seconds));
            o.put("mce", Math.round(r.meanCorruptionError() * 1000) / 1000.0);
            spec.commandLine().getOut().println(Json.write(root));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The command line, time, version, machine and engine of a measurement. */
    private ObjectNode header(EngineInfo e) {
        ObjectNode root = Json.object();
        root.put("command", "advlens " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        root.put("created", Instant.now().toString());
        root.put("advlens_version", Provenance.version());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", e.cores());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("max_heap_mb", e.maxHeapBytes() / (1024 * 1024));
        String omp = System.getenv("OMP_WAIT_POLICY");
        machine.put("omp_wait_policy", omp == null ? "" : omp);
        String ompThreads = System.getenv("OMP_NUM_THREADS");
        machine.put("omp_num_threads", ompThreads == null ? "" : ompThreads);
        ObjectNode engine = root.putObject("engine");
        engine.put("backend", e.implementation());
        engine.put("device", e.backend());
        engine.put("threads", e.threads());
        engine.put("threads_option", threads);
        return root;
    }

    private Classifier referenceModel() {
        if (!reference.equalsIgnoreCase("resnet")) {
            throw new IllegalArgumentException("unknown reference network '" + reference + "': expected resnet");
        }
        return referenceEngine ? org.advlens.model.load.ReferenceNetworks.resnetStyleReference(2, 1)
                : org.advlens.model.load.ReferenceNetworks.resnetStyle(2, 1);
    }

    private ObjectNode toJson(BenchmarkResult r, Benchmark.Options options) {
        ObjectNode root = header(r.engine());
        root.put("model", r.model());
        root.put("model_sha256", r.modelSha256());
        root.put("compute_path", computePath);
        root.put("data", r.data());
        root.put("batch_size", r.batchSize());
        root.put("eps_linf", options.epsilon());
        ArrayNode t = root.putArray("throughput");
        for (BenchmarkResult.Throughput th : r.throughput()) {
            ObjectNode o = t.addObject();
            o.put("operation", th.operation());
            o.put("images", th.images());
            o.put("images_per_second", Math.round(th.imagesPerSecond() * 10) / 10.0);
            double fastest = java.util.Arrays.stream(th.repetitionSeconds()).min().orElse(Double.NaN);
            o.put("best_images_per_second", Math.round(th.images() / fastest * 10) / 10.0);
            ArrayNode s = o.putArray("repetition_seconds");
            for (double v : th.repetitionSeconds()) {
                s.add(Math.round(v * 1000) / 1000.0);
            }
        }
        ObjectNode l = root.putObject("single_image_fgsm_ms");
        l.put("runs", r.singleImageFgsm().runs());
        l.put("median", Math.round(r.singleImageFgsm().medianMillis() * 100) / 100.0);
        l.put("p90", Math.round(r.singleImageFgsm().p90Millis() * 100) / 100.0);
        return root;
    }
}
