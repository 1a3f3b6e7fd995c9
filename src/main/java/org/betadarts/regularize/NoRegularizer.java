package org.betadarts.regularize;

/** Plain DARTS: the α loss is the validation loss alone. */
public final class NoRegularizer implements Regularizer {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }
}
