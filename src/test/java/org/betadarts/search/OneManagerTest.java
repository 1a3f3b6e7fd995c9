package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every long-lived tensor of a search (weights, batch-norm buffers, α, SGD momentum), also after a
 * restore from a checkpoint, belongs to the search's one base manager, which carries the device.
 */
class OneManagerTest {
    @TempDir
    Path tmp;

    @Test
    void everyStateTensorBelongsToTheRunsManager() {
        SearchConfig config = TinySearch.config("beta-decay").with(Map.of("epochs", 1, "order", "second",
                "perturbAlpha", "random"));
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
        try (Search s = TinySearch.search(config)) {
            s.run(dir, SearchListener.NONE);
            assertOwned(s);
        }
        try (Search s = TinySearch.search(config)) {
            s.restore(new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), 2).latest());
            assertOwned(s);
        }
    }

    private static void assertOwned(Search s) {
        NDManager root = s.weights().manager();
        List<NDArray> state = new ArrayList<>(s.weights().paramList());
        state.addAll(s.weights().buffers().values());
        state.addAll(s.alpha().tensors());
        state.addAll(s.sgd().buffers());
        assertTrue(state.size() > 20, "state tensors: " + state.size());
        for (NDArray t : state) {
            assertEquals(root.getDevice(), t.getDevice(), t.getName());
            assertTrue(below(t.getManager(), root), t.getName() + " is attached to " + t.getManager().getName());
        }
    }

    private static boolean below(NDManager m, NDManager root) {
        for (NDManager at = m; at != null; at = at.getParentManager()) {
            if (at == root) {
                return true;
            }
        }
        return false;
    }
}
