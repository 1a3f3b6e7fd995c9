package org.betadarts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Collections;
import org.betadarts.nn.LayerTrace;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.space.nb201.Nb201Cell;
import org.betadarts.space.nb201.Nb201Ops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlopCounterTest {
    private final FlopCounter counter = new FlopCounter();

    @AfterEach
    void stopObserving() {
        LayerTrace.observe(null);
    }

    /** Runs {@code body} with the counter installed, inside a gradient collector when {@code record}. */
    private Flops count(boolean record, Runnable body) {
        LayerTrace.observe(counter);
        if (record) {
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                body.run();
            }
        } else {
            body.run();
        }
        LayerTrace.observe(null);
        return counter.take();
    }

    @Test
    void singleConvolutionByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameters p = new Parameters(m, 1);
            Module conv = Layers.conv(p, 3, 4, 3, 1, 1);
            Module strided = Layers.conv(p.child("s"), 3, 4, 3, 2, 1);
            NDArray images = m.randomNormal(new Shape(2, 3, 8, 8));
            // 2 images x 4 output channels x 8x8 pixels, each 3 input channels x 3x3 taps
            long macs = 2L * 4 * 8 * 8 * 3 * 9;
            assertEquals(new Flops(2 * macs, 0, 0), count(false, () -> conv.forward(images, true)),
                    "outside a gradient collector: forward only");
            assertEquals(new Flops(2 * macs, 0, 2 * macs), count(true, () -> conv.forward(images, true)),
                    "first layer on the images: weight gradient only");
            NDArray x = images.duplicate();
            x.setRequiresGradient(true);
            assertEquals(new Flops(2 * macs, 2 * macs, 2 * macs), count(true, () -> conv.forward(x, true)),
                    "trained input and weight");
            p.setTrainable(false);
            assertEquals(new Flops(2 * macs, 2 * macs, 0), count(true, () -> conv.forward(x, true)),
                    "frozen weight: input gradient only");
            assertEquals(new Flops(2 * macs, 0, 0), count(true, () -> conv.forward(images, true)),
                    "nothing to differentiate");
            // stride 2: a 4x4 output
            assertEquals(new Flops(2 * (macs / 4), 0, 0), count(false, () -> strided.forward(images, true)));
        }
    }

    @Test
    void nb201CellByHand() {
        int c = 4;
        try (NDManager m = NDManager.newBaseManager()) {
            Parameters p = new Parameters(m, 1);
            Module stem = Layers.conv(p.child("stem"), 3, c, 3, 1, 1);
            Nb201Cell cell = new Nb201Cell(p, c, Collections.nCopies(Nb201Cell.EDGES, Nb201Ops.names()), false);
            NDArray images = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray alpha = m.zeros(new Shape(Nb201Cell.EDGES, 5));
            // a stem, 3 -> C channels 3x3, then the cell: per edge a 1x1 and a 3x3 convolution, C -> C;
            // 2 images of 8x8
            long stemMacs = 2L * c * 8 * 8 * 3 * 9;
            long cellMacs = Nb201Cell.EDGES * 2L * c * 8 * 8 * c * (1 + 9);
            assertEquals(6 * 2 * 4 * 64 * 4 * 10, cellMacs);
            Runnable pass = () -> cell.forward(stem.forward(images, true), alpha.softmax(1), true);
            long forward = 2 * (stemMacs + cellMacs);
            assertEquals(new Flops(forward, 0, 0), count(false, pass), "inference");
            assertEquals(new Flops(forward, 2 * cellMacs, forward), count(true, pass),
                    "weight step: no input gradient for the stem");
            p.setTrainable(false);
            alpha.setRequiresGradient(true);
            assertEquals(new Flops(forward, 2 * cellMacs, 0), count(true, pass), "alpha step: input gradients only");
        }
    }

    @Test
    void summaryQuantiles() {
        Summary s = Summary.ofNanos(new long[] {4_000_000_000L, 1_000_000_000L, 3_000_000_000L, 2_000_000_000L});
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1.75, s.q1(), 1e-12);
        assertEquals(3.25, s.q3(), 1e-12);
        assertEquals(1, s.min(), 1e-12);
        assertEquals(4, s.max(), 1e-12);
    }
}
