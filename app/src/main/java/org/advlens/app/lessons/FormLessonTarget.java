package org.advlens.app.lessons;

import java.util.List;
import java.util.Map;

/**
 * A page whose lesson parameters are fields of its form: the names and the checked setting come from its
 * {@link LessonParameters}, and its one command is the page's main job unless it lists more.
 */
abstract class FormLessonTarget implements LessonTarget {

    /** The form's parameters; set once by the page's constructor. */
    protected LessonParameters params;

    @Override
    public List<String> parameterNames() {
        return params.names();
    }

    @Override
    public List<String> commands() {
        return List.of(LessonStep.MAIN_COMMAND);
    }

    @Override
    public void apply(Map<String, String> values) {
        params.apply(values);
    }
}
