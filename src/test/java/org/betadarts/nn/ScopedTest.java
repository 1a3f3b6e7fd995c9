package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedTest {
    @Test
    void releasesWhatTheComputationMadeAndPassesTheResultOut() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(2));
            NDArray[] mid = new NDArray[1];
            NDArray y;
            try (NDScope outer = new NDScope()) {
                y = Scoped.compute(() -> {
                    mid[0] = x.add(1);
                    return mid[0].mul(2);
                });
                assertTrue(mid[0].isReleased());
                assertFalse(x.isReleased());
                assertArrayEquals(new float[] {4, 4}, y.toFloatArray());
            }
            assertTrue(y.isReleased(), "the result belongs to the enclosing scope");
            assertFalse(x.isReleased());
            assertNull(Scoped.compute(() -> null));
        }
    }

    @Test
    void leavesTheInputAndReleasesWhatIsConsumed() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(2));
            assertSame(x, Scoped.apply(x, in -> in));
            assertFalse(x.isReleased());
            NDArray a = x.add(1);
            NDArray b = x.add(2);
            NDArray sum = Scoped.consuming(List.of(a, b), List.of(b), () -> a.add(b));
            assertTrue(a.isReleased());
            assertFalse(b.isReleased(), "kept: the caller's");
            assertArrayEquals(new float[] {5, 5}, sum.toFloatArray());
        }
    }

    @Test
    void aFeatureKeepsWhatIsDerivedFromItUntilItsScopeEnds() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.create(new float[] {-1, 2});
            NDArray[] relu = new NDArray[1];
            NDArray out = Scoped.compute(() -> {
                Feature f = new Feature(x);
                // asked for first in a scope within the feature's own
                NDArray first = Scoped.compute(() -> f.relu().mul(1));
                assertFalse(f.relu().isReleased());
                relu[0] = f.relu();
                return first.add(f.relu());
            });
            assertTrue(relu[0].isReleased());
            assertArrayEquals(new float[] {0, 4}, out.toFloatArray());
        }
    }
}
