package org.advlens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.advlens.app.train.MethodFields.Field;
import org.advlens.attack.Norm;
import org.advlens.data.FashionMnist;
import org.advlens.train.TrainingMethod;
import org.advlens.train.TrainingMethod.Kind;
import org.advlens.train.TrainingOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training form maps its text to the trainer's options and names what is wrong. */
class TrainingSettingsTest {

    private static final List<String> FOUR_FILES = List.of("train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    @TempDir
    Path dir;
    private TrainingSettings s;

    @BeforeEach
    void givenAFormOnAFolderWithTheFourFiles() throws IOException {
        for (String f : FOUR_FILES) {
            Files.createFile(dir.resolve(f));
        }
        s = new TrainingSettings();
        s.dataDirProperty().set(dir);
        s.chosenOutputProperty().set(dir.resolve("out.zip"));
    }

    @Test
    void everyKindIsOfferedAndTheFormSetsUpEachWithItsDefaults() {
        for (Kind k : Kind.values()) {
            // when a supported kind is chosen with the default parameters
            s.methodProperty().set(k);
            if (!MethodFields.supported(k)) {
                assertTrue(s.errorProperty().get().contains("advlens train --method " + k.label()));
                continue;
            }
            // then its options build, with that kind, and robust accuracy only for adversarial kinds
            assertEquals("", s.errorProperty().get(), k.label());
            TrainingOptions o = s.toOptions();
            assertEquals(k, o.method().kind());
            assertEquals(o.method().adversarial(), s.adversarialProperty().get(), k.label());
            assertEquals(o.method().adversarial() ? TrainingOptions.DEFAULT_ROBUST_IMAGES : 0, o.robustImages());
        }
    }

    @Test
    void pgdTakesNormEpsilonStepsAndStepSizeFromTheForm() {
        // given PGD-AT in L2 with typed parameters
        s.methodProperty().set(Kind.PGD_AT);
        s.normProperty().set(Norm.L2);
        s.valueProperty(Field.EPSILON).set("1.5");
        s.valueProperty(Field.STEPS).set("3");
        s.valueProperty(Field.STEP_SIZE).set("0.5");
        s.epochsProperty().set("2");
        s.batchSizeProperty().set("32");
        s.learningRateProperty().set("0.002");
        s.seedProperty().set("9");
        s.trainLimitProperty().set("128");
        s.testLimitProperty().set("0");
        s.robustImagesProperty().set("40");
        s.keepBestRobustProperty().set(true);
        // when building the options
        TrainingOptions o = s.toOptions();
        // then each field lands where the command line puts it
        assertEquals(TrainingMethod.pgd(Norm.L2, 1.5, 3, 0.5), o.method());
        assertEquals(Set.of(Field.NORM, Field.EPSILON, Field.STEPS, Field.STEP_SIZE),
                MethodFields.fields(Kind.PGD_AT));
        assertEquals(2, o.epochs());
        assertEquals(32, o.batchSize());
        assertEquals(0.002, o.learningRate());
        assertEquals(9L, o.seed());
        assertEquals(128, o.trainLimit());
        assertEquals(0, o.testLimit());
        assertEquals(40, o.robustImages());
        assertTrue(o.keepBestRobust());
        assertEquals(dir, o.dataDir());
    }

    @Test
    void noiseAndMixupTakeOnlyTheirOwnParameter() {
        s.methodProperty().set(Kind.NOISE);
        s.valueProperty(Field.NOISE_SIGMA).set("0.5");
        s.valueProperty(Field.EPSILON).set("not used");
        assertEquals(TrainingMethod.noise(0.5), s.toOptions().method());
        assertEquals(Set.of(Field.NOISE_SIGMA), MethodFields.fields(Kind.NOISE));
        s.methodProperty().set(Kind.MIXUP);
        s.valueProperty(Field.MIXUP_ALPHA).set("0.2");
        assertEquals(TrainingMethod.mixup(0.2), s.toOptions().method());
        // a standard run measures no robust accuracy, whatever the robust-images field says
        s.methodProperty().set(Kind.STANDARD);
        assertEquals(0, s.toOptions().robustImages());
        assertFalse(s.adversarialProperty().get());
    }

    @Test
    void badTextNamesTheFieldAndWhatItHolds() {
        s.methodProperty().set(Kind.PGD_AT);
        s.valueProperty(Field.EPSILON).set("abc");
        assertEquals("ε must be a number, got 'abc'", s.errorProperty().get());
        assertThrows(IllegalArgumentException.class, s::toOptions);
        s.valueProperty(Field.EPSILON).set("-0.1");
        assertTrue(s.errorProperty().get().contains("epsilon must be positive"), s.errorProperty().get());
        s.valueProperty(Field.EPSILON).set("0.1");
        s.epochsProperty().set("2.5");
        assertEquals("epochs must be a whole number, got '2.5'", s.errorProperty().get());
        s.epochsProperty().set("0");
        assertTrue(s.errorProperty().get().contains("epochs must be in [1, 1000], got 0"), s.errorProperty().get());
        s.epochsProperty().set("1");
        s.robustImagesProperty().set("0");
        s.keepBestRobustProperty().set(true);
        assertTrue(s.errorProperty().get().contains("robustImages > 0"), s.errorProperty().get());
    }

    @Test
    void tradesDistillationAndParsevalComeFromTheirFields() {
        s.methodProperty().set(Kind.TRADES);
        s.valueProperty(Field.EPSILON).set("0.2");
        s.valueProperty(Field.TRADES_BETA).set("3");
        assertEquals(TrainingMethod.trades(Norm.LINF, 0.2, TrainingMethod.PGD_STEPS, TrainingMethod.PGD_RELATIVE_STEP,
                3), s.toOptions().method());
        assertTrue(s.adversarialProperty().get(), "TRADES measures robust accuracy");
        s.methodProperty().set(Kind.DISTILLATION);
        s.valueProperty(Field.TEMPERATURE).set("20");
        s.parsevalBetaProperty().set("0.0003");
        assertEquals(TrainingMethod.distillation(20).withParseval(0.0003), s.toOptions().method());
        assertEquals(Set.of(Field.TEMPERATURE), MethodFields.fields(Kind.DISTILLATION));
        s.parsevalBetaProperty().set("1");
        assertTrue(s.errorProperty().get().startsWith("Parseval beta must be in [0, 0.1]"), s.errorProperty().get());
    }

    @Test
    void aMissingDataFolderOrFileIsNamed() throws IOException {
        s.dataDirProperty().set(dir.resolve("nowhere"));
        assertTrue(s.errorProperty().get().startsWith("training data not found: " + dir.resolve("nowhere")
                + " is not a folder"), s.errorProperty().get());
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        s.dataDirProperty().set(dir);
        assertTrue(s.errorProperty().get().contains("lacks t10k-labels-idx1-ubyte.gz"), s.errorProperty().get());
        // test- may stand for t10k-, and the files may be plain
        Files.createFile(dir.resolve("test-labels-idx1-ubyte"));
        assertEquals("", TrainingSettings.dataProblem(dir));
        // the Debian folder's message says which package installs it
        assertTrue(TrainingSettings.dataProblem(FashionMnist.DEBIAN_DIR.resolve("missing")).contains(
                "is not a folder"));
    }

    @Test
    void classFoldersAreTrainingDataAndAnEmptyFolderIsNot() throws IOException {
        Path folders = Files.createDirectories(dir.resolve("mine"));
        assertTrue(TrainingSettings.dataProblem(folders).startsWith("no training data in " + folders),
                TrainingSettings.dataProblem(folders));
        Files.createDirectories(folders.resolve("train/cat"));
        Files.createDirectories(folders.resolve("test/cat"));
        assertEquals("", TrainingSettings.dataProblem(folders));
    }

    @Test
    void theOutputFollowsTheMethodUntilAFileIsChosen() {
        s.chosenOutputProperty().set(null);
        s.methodProperty().set(Kind.FAST_AT);
        assertEquals("fashion-cnn-fast-at.zip", s.outputProperty().get().getFileName().toString());
        s.chosenOutputProperty().set(dir.resolve("mine.txt"));
        assertTrue(s.errorProperty().get().startsWith("the output must be a .zip file"), s.errorProperty().get());
    }
}
