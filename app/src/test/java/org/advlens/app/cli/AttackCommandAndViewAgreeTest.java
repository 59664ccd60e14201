package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.advlens.app.FxThread;
import org.advlens.app.attack.AttackResult;
import org.advlens.app.attack.AttackViewModel;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Datasets;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advlens attack} and the Attack view run the same use case: same image, model and seed, same result. */
class AttackCommandAndViewAgreeTest {

    private static Classifier model;
    private static Datasets.Sample sample;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        FxThread.start();
        model = ModelLoader.bundledDefault();
        sample = Datasets.bundledSamples(model.inputSpec()).get(0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void pgdOnTheFirstSampleGivesTheCommandsJsonInTheView() throws Exception {
        // given the command's attack.json for PGD at eps 0.1, 10 steps, seed 3, on the first bundled sample
        Path out = dir.resolve("attack");
        Cli cli = Cli.run("attack", "--attack", "pgd", "--eps", "0.1", "--steps", "10", "--seed", "3",
                "--label", String.valueOf(sample.label()), "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("attack.json").toFile());

        // when the Attack view runs the same attack with the same settings on the same image
        AttackViewModel vm = FxThread.call(() -> {
            Workspace workspace = new Workspace();
            workspace.replaceModel(model, null);
            workspace.selectImage(new ImageItem("sample", sample.file(), sample.image(), sample.image(),
                    sample.label()));
            AttackViewModel attack = new AttackViewModel(workspace, JobRunner.synchronous(new Notices()),
                    new Notices());
            attack.settings().attackProperty().set(Attacks.byName("pgd"));
            attack.settings().stepsProperty().set(10);
            attack.settings().epsilonProperty().set(0.1);
            attack.settings().seedProperty().set("3");
            attack.runAttack();
            return attack;
        });
        FxThread.flush();
        AttackResult view = FxThread.call(() -> vm.resultProperty().get());

        // then both attacked the same class with the same parameters and got the same verified image and verdict
        assertNotNull(view, "the view has a result");
        assertEquals(json.get("label").get("class").asInt(), view.label());
        assertEquals("given", json.get("label").get("source").asText());
        JsonNode params = json.get("attack").get("params");
        assertEquals(params.get("steps").asInt(), view.outcome().params().steps());
        assertEquals(params.get("seed").asLong(), view.outcome().params().seed());
        assertEquals(json.get("attack").get("eps").asDouble(), view.outcome().epsilon(), 0);
        assertEquals(json.get("success").asBoolean(), view.success());
        assertEquals(json.get("after").get("class").asInt(), view.after().predicted());
        assertEquals(json.get("after").get("confidence").asDouble(), view.after().confidence(), 1e-6);
        assertEquals(json.get("norms").get("linf").asDouble(), view.linf(), 1e-9);
        assertEquals(json.get("norms").get("l2").asDouble(), view.l2(), 1e-9);
        assertEquals(json.get("norms").get("l0").asDouble(), view.l0(), 0);
        assertTrue(view.linf() <= 0.1 + 1e-6, "the engine kept the perturbation within epsilon: " + view.linf());
    }

}
