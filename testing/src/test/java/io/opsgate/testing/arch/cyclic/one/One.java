package io.opsgate.testing.arch.cyclic.one;

import io.opsgate.testing.arch.cyclic.two.Two;

/** Half of a package cycle the cycle rule must find. */
public final class One {
    public Two two() {
        return new Two();
    }
}
