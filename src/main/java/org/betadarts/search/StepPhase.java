package org.betadarts.search;

/** The parts of one search step, in the order they run; {@link SearchListener#phaseEnded} times them. */
public enum StepPhase {
    /** The next α and weight batches, on the device. */
    DATA("data"),
    /** Forward and backward pass of the α step (gradient of the α loss). */
    ALPHA_GRADIENT("alpha forward+backward"),
    /** Adam update of α. */
    ALPHA_UPDATE("alpha update"),
    /** Forward and backward pass of the weight step. */
    WEIGHT_GRADIENT("weight forward+backward"),
    /** Gradient-norm clipping and the SGD update of the weights. */
    WEIGHT_UPDATE("clip + SGD update"),
    /** Loss and accuracy read back, the step's tensors released. */
    BOOKKEEPING("bookkeeping");

    private final String label;

    StepPhase(String label) {
        this.label = label;
    }

    /** A short human-readable name. */
    public String label() {
        return label;
    }
}
