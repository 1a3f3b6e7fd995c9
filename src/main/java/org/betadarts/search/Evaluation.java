package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;
import org.betadarts.data.Batch;
import org.betadarts.data.BatchLoader;
import org.betadarts.data.Prefetch;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Losses;
import org.betadarts.nn.MemoryFormat;

/** Loss and accuracy of a network over every batch of a loader, in inference mode (search and training). */
public final class Evaluation {
    private Evaluation() {}

    /**
     * @param logits the network's logits of a batch of images, in inference mode
     * @return the totals over all batches, each computed in its own scope
     */
    public static Totals of(BatchLoader batches, NDManager manager, int classes, UnaryOperator<NDArray> logits) {
        Totals t = new Totals();
        try (Prefetch<Batch> it = batches.prefetch()) {
            while (it.hasNext()) {
                Batch b = it.next();
                try (NDScope scope = new NDScope()) {
                    NDArray out = logits.apply(images(manager, b));
                    NDArray loss = Losses.crossEntropy(out, Losses.oneHot(manager, b.labels(), classes));
                    t.add(loss.getFloat(), Losses.correct(out, b.labels()), b.size());
                }
            }
        }
        return t;
    }

    /** The images of a batch as a tensor in the layout the convolutions run fastest on (channels last). */
    public static NDArray images(NDManager manager, Batch b) {
        NDArray x = HostValues.tensor(manager, b.images(), new Shape(b.size(), b.channels(), b.height(), b.width()));
        return MemoryFormat.channelsLast(x);
    }
}
