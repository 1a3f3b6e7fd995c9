package org.betadarts.search;

/**
 * Hears about a search as it runs (progress display, tests): a step is an α step and a weight step, and
 * the running loss and accuracy are those of the weight steps. Every method does nothing by default.
 */
public interface SearchListener extends RunListener {
    SearchListener NONE = new SearchListener() {};
}
