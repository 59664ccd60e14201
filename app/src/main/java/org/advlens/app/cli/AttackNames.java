package org.advlens.app.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;

/** The registered fixed-epsilon attacks, for the {@code --attack} help text. */
final class AttackNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Attacks.names().iterator();
    }

    /** The fixed-epsilon attacks, then the minimum-norm ones, for {@code advlens attack}. */
    static final class WithMinimumNorm implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(Attacks.names());
            all.addAll(MinimizationAttacks.names().stream().filter(n -> !n.startsWith("min-")).toList());
            all.add("min-NAME");
            return all.iterator();
        }
    }
}
