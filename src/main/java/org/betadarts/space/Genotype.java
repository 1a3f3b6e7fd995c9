package org.betadarts.space;

/** A discrete cell found by a search: one operation per kept edge. */
public interface Genotype {
    /** The space's usual text form (an arch string for NAS-Bench-201). */
    String text();
}
