package org.advlens.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advlens.app.FxThread;
import org.advlens.app.attack.AttackSettings;
import org.advlens.app.curves.CurveSettings;
import org.advlens.app.robustness.OodSettings;
import org.advlens.app.saliency.SaliencySettings;
import org.advlens.attack.Norm;
import org.junit.jupiter.api.Test;

class SettingsSnapshotTest {

    @Test
    void theAttackSettingsSurviveARoundTripThroughText() throws Exception {
        FxThread.run(() -> {
            AttackSettings before = new AttackSettings();
            before.attackProperty().set(before.attacks().stream().filter(a -> a.name().equals("bim")).findFirst()
                    .orElseThrow());
            before.normProperty().set(Norm.L2);
            before.stepsProperty().set(37);
            before.seedProperty().set("11");
            before.targetedProperty().set(true);
            Map<String, String> text = SettingsSnapshot.capture(before);
            assertEquals("bim", text.get("attack"));
            assertEquals("L2", text.get("norm"));
            assertEquals("37", text.get("steps"));

            AttackSettings after = new AttackSettings();
            List<String> skipped = SettingsSnapshot.restore(after, text);
            assertTrue(skipped.isEmpty(), "skipped " + skipped);
            assertEquals(text, SettingsSnapshot.capture(after));
            // the restored attack is the one the form offers, so its choice box shows it selected
            assertTrue(after.attacks().stream().anyMatch(a -> a == after.attackProperty().get()));
            assertSame(Norm.L2, after.normProperty().get());
        });
    }

    @Test
    void valuesThatNoLongerFitAreSkippedAndNamed() throws Exception {
        FxThread.run(() -> {
            AttackSettings s = new AttackSettings();
            Map<String, String> text = new HashMap<>(SettingsSnapshot.capture(s));
            text.put("norm", "L3");
            text.put("steps", "many");
            text.put("noSuchSetting", "1");
            List<String> skipped = SettingsSnapshot.restore(s, text);
            assertEquals(List.of("noSuchSetting", "norm", "steps"), skipped.stream().sorted().toList());
        });
    }

    @Test
    void theTickedCheckBoxesAreOneSettingKeptAsNames() throws Exception {
        FxThread.run(() -> {
            // given the curve form with FGSM chosen and the BIM box ticked by hand
            CurveSettings before = new CurveSettings();
            before.choose("fgsm");
            before.chosenAttacks().entrySet().stream().filter(e -> e.getKey().name().equals("bim")).findFirst()
                    .orElseThrow().getValue().set(true);
            assertEquals(Set.of("fgsm", "bim"), before.attackSelectionProperty().get());
            Map<String, String> text = SettingsSnapshot.capture(before);
            assertEquals("fgsm,bim", text.get("attackSelection"), "names in the boxes' order");

            // when a fresh form restores the text
            CurveSettings after = new CurveSettings();
            assertTrue(SettingsSnapshot.restore(after, text).isEmpty());

            // then exactly those boxes are ticked
            after.chosenAttacks().forEach((attack, box) -> assertEquals(Set.of("fgsm", "bim").contains(attack.name()),
                    box.get(), attack.name()));
            assertEquals(text, SettingsSnapshot.capture(after));
        });
    }

    @Test
    void settingTheSelectionTicksOnlyKnownBoxesAndAnEmptyOneClearsThemAll() throws Exception {
        FxThread.run(() -> {
            SaliencySettings s = new SaliencySettings();
            assertEquals(List.of("methodSelection (no check box: no-such-method)"),
                    SettingsSnapshot.restore(s, Map.of("methodSelection", "smoothgrad, no-such-method")),
                    "the unknown name is reported, to be logged");
            assertEquals(Set.of("smoothgrad"), s.methodSelectionProperty().get());
            assertTrue(s.chosenProperty("smoothgrad").get());
            assertEquals(false, s.chosenProperty("gradient").get());

            SettingsSnapshot.restore(s, Map.of("methodSelection", ""));
            assertEquals(Set.of(), s.methodSelectionProperty().get());
            assertEquals("choose at least one method", s.errorProperty().get());
        });
    }

    @Test
    void aListOfPathsIsKeptAsAJsonArrayAndRestoredIntoTheSameList() throws Exception {
        FxThread.run(() -> {
            // given the OOD form with two extra files, one with a comma and a space in its name
            OodSettings before = new OodSettings();
            before.files().setAll(Path.of("/data/ood, set 1"), Path.of("/data/letters-images-idx3-ubyte"));
            Map<String, String> text = SettingsSnapshot.capture(before);
            assertEquals("[\"/data/ood, set 1\",\"/data/letters-images-idx3-ubyte\"]", text.get("files"));

            // when a fresh form restores the text
            OodSettings after = new OodSettings();
            javafx.collections.ObservableList<Path> list = after.files();
            assertTrue(SettingsSnapshot.restore(after, text).isEmpty());

            // then the same list object holds the same paths, so the form's listeners saw the change
            assertSame(list, after.files());
            assertEquals(before.files(), after.files());
            assertEquals(text, SettingsSnapshot.capture(after));
        });
    }

    @Test
    void anEmptyListIsKeptAndAListThatNoLongerParsesIsSkipped() throws Exception {
        FxThread.run(() -> {
            OodSettings s = new OodSettings();
            assertEquals("[]", SettingsSnapshot.capture(s).get("files"));
            s.files().add(Path.of("/x"));
            assertTrue(SettingsSnapshot.restore(s, Map.of("files", "[]")).isEmpty());
            assertTrue(s.files().isEmpty());
            assertEquals(List.of("files"), SettingsSnapshot.restore(s, Map.of("files", "/x,/y")));
        });
    }
}
