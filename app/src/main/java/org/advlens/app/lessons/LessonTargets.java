package org.advlens.app.lessons;

import java.util.EnumMap;
import java.util.Map;
import org.advlens.app.attack.AttackViewModel;
import org.advlens.app.boundary.BoundaryViewModel;
import org.advlens.app.counterfactual.CounterfactualViewModel;
import org.advlens.app.curves.CurvesViewModel;
import org.advlens.app.sanity.SanityViewModel;
import org.advlens.app.train.TrainingViewModel;

/** The pages a lesson can set parameters on and run, each through its {@link LessonTarget}. */
public final class LessonTargets {

    private final Map<LessonPage, LessonTarget> targets = new EnumMap<>(LessonPage.class);

    public LessonTargets(AttackViewModel attack, CurvesViewModel curves, SanityViewModel sanity,
                         CounterfactualViewModel counterfactual, BoundaryViewModel boundary,
                         TrainingViewModel training) {
        targets.put(LessonPage.ATTACK, new AttackLessonTarget(attack));
        targets.put(LessonPage.CURVES, new CurvesLessonTarget(curves));
        targets.put(LessonPage.SANITY, new SanityLessonTarget(sanity));
        targets.put(LessonPage.COUNTERFACTUAL, new CounterfactualLessonTarget(counterfactual));
        targets.put(LessonPage.BOUNDARY, new BoundaryLessonTarget(boundary));
        targets.put(LessonPage.TRAINING, new TrainingLessonTarget(training));
    }

    /**
     * The page's target.
     *
     * @throws IllegalArgumentException when lessons cannot set or run anything on that page
     */
    public LessonTarget of(LessonPage page) {
        LessonTarget t = targets.get(page);
        if (t == null) {
            throw new IllegalArgumentException("lessons can open the " + page.fileName() + " page but not set or run"
                    + " anything on it; pages with parameters: " + String.join(", ", targets.keySet().stream()
                    .map(LessonPage::fileName).toList()));
        }
        return t;
    }
}
