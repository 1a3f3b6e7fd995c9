package org.betadarts.space;

/** A discrete cell found by a search: one operation per kept edge. */
public interface Genotype {
    /** The space's usual text form (an arch string for NAS-Bench-201). */
    String text();

    /** The value written as JSON (genotype.json): the text form unless the space has a structured one. */
    default Object json() {
        return text();
    }
}
