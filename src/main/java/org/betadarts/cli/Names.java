package org.betadarts.cli;

import java.util.Iterator;
import java.util.List;
import org.betadarts.data.Datasets;
import org.betadarts.method.SearchMethods;
import org.betadarts.regularize.Regularizers;
import org.betadarts.space.Spaces;

/** The names of each registry, for the help texts of options ({@code ${COMPLETION-CANDIDATES}}). */
abstract class Names implements Iterable<String> {
    abstract List<String> names();

    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }

    /** The dataset names. */
    static final class OfDatasets extends Names {
        @Override
        List<String> names() {
            return Datasets.names();
        }
    }

    /** The search method names. */
    static final class OfMethods extends Names {
        @Override
        List<String> names() {
            return SearchMethods.names();
        }
    }

    /** The search space names. */
    static final class OfSpaces extends Names {
        @Override
        List<String> names() {
            return Spaces.names();
        }
    }

    /** The regularizer names. */
    static final class OfRegularizers extends Names {
        @Override
        List<String> names() {
            return Regularizers.names();
        }
    }
}
