package org.advlens.app.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A list of check boxes as one property: the names whose boxes are ticked, in the boxes' order. Ticking a box
 * changes the set; setting the set ticks exactly the boxes it names (names without a box are ignored). This is
 * how a form's selection ("the curve attacks to run", "the saliency methods") becomes one value that
 * {@link SettingsSnapshot} keeps like any other setting.
 */
public final class CheckedNames extends SimpleObjectProperty<Set<String>> {

    private final Map<String, BooleanProperty> boxes;
    private boolean syncing;

    /**
     * @param bean the settings object the property belongs to
     * @param name the property's name
     * @param boxes each box's selection by name, in display order
     */
    public CheckedNames(Object bean, String name, Map<String, BooleanProperty> boxes) {
        super(bean, name);
        this.boxes = new LinkedHashMap<>(boxes);
        super.set(ticked());
        boxes.values().forEach(b -> b.addListener((o, was, now) -> {
            if (!syncing) {
                super.set(ticked());
            }
        }));
    }

    /** Ticks exactly the boxes named in {@code names}; {@code null} unticks them all. */
    @Override
    public void set(Set<String> names) {
        syncing = true;
        try {
            boxes.forEach((n, box) -> box.set(names != null && names.contains(n)));
        } finally {
            syncing = false;
        }
        super.set(ticked());
    }

    private Set<String> ticked() {
        Set<String> out = new LinkedHashSet<>();
        boxes.forEach((n, box) -> {
            if (box.get()) {
                out.add(n);
            }
        });
        return Collections.unmodifiableSet(out);
    }
}
