package org.betadarts.nn;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frees the memory of unreachable Java direct buffers now, as a garbage collection at an unlucky
 * moment would, and writes over freed memory: a tensor that still points into such memory then
 * reads other values.
 */
public final class JavaMemory {
    private JavaMemory() {}

    /**
     * Collects garbage three times, each time waiting until the reference handler has processed what
     * the collection found (direct buffers free their memory there), then allocates and fills
     * direct buffers of many small sizes, which take freed blocks.
     */
    public static void freeUnreachableBuffers() {
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            PhantomReference<Object> probe = new PhantomReference<>(new Object(), queue);
            System.gc();
            try {
                queue.remove(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                Reference.reachabilityFence(probe);
            }
        }
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 256));
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            blocks.add(b);
        }
        Reference.reachabilityFence(blocks);
    }
}
