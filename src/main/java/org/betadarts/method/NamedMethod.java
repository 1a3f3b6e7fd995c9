package org.betadarts.method;

import org.betadarts.nn.EdgeMixing;

/** A search method whose name and edge mixing are fixed when it is made. */
abstract class NamedMethod implements SearchMethod {
    private final String name;
    private final EdgeMixing mixing;

    NamedMethod(String name, EdgeMixing mixing) {
        this.name = name;
        this.mixing = mixing;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final EdgeMixing mixing() {
        return mixing;
    }
}
