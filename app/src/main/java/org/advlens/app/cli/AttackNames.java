package org.advlens.app.cli;

import java.util.Iterator;
import org.advlens.attack.Attacks;

/** The registered fixed-epsilon attacks, for the {@code --attack} help text. */
final class AttackNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Attacks.names().iterator();
    }
}
