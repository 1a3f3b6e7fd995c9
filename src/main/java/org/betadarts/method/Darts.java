package org.betadarts.method;

import org.betadarts.nn.EdgeMixing;

/** DARTS: every edge sums all its candidates weighted by softmax(α). */
public final class Darts extends NamedMethod {
    public static final String NAME = "darts";

    public Darts() {
        super(NAME, EdgeMixing.WEIGHTED_SUM);
    }
}
