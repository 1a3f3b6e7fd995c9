package org.betadarts.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.betadarts.data.Datasets;
import org.betadarts.method.SearchMethods;
import org.betadarts.regularize.Regularizers;
import org.betadarts.space.Spaces;

/** The names of each registry, for the help texts of options ({@code ${COMPLETION-CANDIDATES}}). */
class Names implements Iterable<String> {
    private final Supplier<List<String>> names;

    Names(Supplier<List<String>> names) {
        this.names = names;
    }

    @Override
    public Iterator<String> iterator() {
        return names.get().iterator();
    }

    /** The dataset names. */
    static final class OfDatasets extends Names { OfDatasets() { super(Datasets::names); } }

    /** The search method names. */
    static final class OfMethods extends Names { OfMethods() { super(SearchMethods::names); } }

    /** The search space names. */
    static final class OfSpaces extends Names { OfSpaces() { super(Spaces::names); } }

    /** The regularizer names. */
    static final class OfRegularizers extends Names { OfRegularizers() { super(Regularizers::names); } }
}
