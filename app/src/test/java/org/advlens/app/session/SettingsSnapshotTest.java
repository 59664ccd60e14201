package org.advlens.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.advlens.app.FxThread;
import org.advlens.app.attack.AttackSettings;
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
}
