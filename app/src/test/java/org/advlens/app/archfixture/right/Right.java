package org.advlens.app.archfixture.right;

import org.advlens.app.archfixture.left.Left;

/** The other half of the deliberate package cycle of the architecture test. */
public final class Right {

    public Left partner() {
        return new Left();
    }
}
