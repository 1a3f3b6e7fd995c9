package org.betadarts.method;

import org.betadarts.nn.EdgeMixing;

/** DARTS: every edge sums all its candidates weighted by softmax(α). */
public final class Darts implements SearchMethod {
    public static final String NAME = "darts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EdgeMixing mixing() {
        return EdgeMixing.WEIGHTED_SUM;
    }
}
