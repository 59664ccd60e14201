package org.advlens.app.archfixture.left;

import org.advlens.app.archfixture.right.Right;

/** A deliberate package cycle (left uses right, right uses left), for the architecture test's own check. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
