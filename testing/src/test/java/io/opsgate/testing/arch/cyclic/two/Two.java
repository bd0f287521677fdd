package io.opsgate.testing.arch.cyclic.two;

import io.opsgate.testing.arch.cyclic.one.One;

/** The other half of the cycle. */
public final class Two {
    public One one() {
        return null;
    }
}
