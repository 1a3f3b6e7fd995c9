package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrefetchTest {
    private static final float[] MEAN = {0.5f, 0.25f};
    private static final float[] STD = {0.25f, 0.5f};

    /** 40 two-channel 6x6 images, shuffled and augmented from {@code random}, batches of 6 without the last partial one. */
    private static BatchLoader loader(SavableRandom random) {
        ImageSet set = new ImageSet(TestFiles.pattern(40, 2, 6, 6), Splits.all(40), 2, 6, 6);
        return new BatchLoader(set, Splits.all(40), 6, MEAN, STD, new Augmentation(2, true), random,
                BatchLoader.Order.SHUFFLED, BatchLoader.LastBatch.DROP);
    }

    /** Counts 0, 1, 2, ... up to {@code n} items, remembering the thread that made each. */
    private static final class Counting implements Iterator<Integer> {
        final int n;
        final AtomicInteger built = new AtomicInteger();
        final AtomicReference<Thread> thread = new AtomicReference<>();

        Counting(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return built.get() < n;
        }

        @Override
        public Integer next() {
            thread.set(Thread.currentThread());
            return built.getAndIncrement();
        }
    }

    @Test
    void sameBatchesAndSameGeneratorStateAsWithoutPrefetch() {
        SavableRandom plainRandom = new SavableRandom(11);
        SavableRandom prefetchRandom = new SavableRandom(11);
        BatchLoader plain = loader(plainRandom);
        BatchLoader prefetched = loader(prefetchRandom);
        assertEquals(6, plain.batchesPerEpoch());
        // two short epochs of 4 of the 6 batches, then a whole one: each starts where the last left the generator
        for (int take : new int[] {4, 4, 6}) {
            Iterator<Batch> a = plain.iterator();
            List<Batch> expected = new ArrayList<>();
            for (int k = 0; k < take; k++) {
                expected.add(a.next());
            }
            List<Batch> got = new ArrayList<>();
            try (Prefetch<Batch> b = prefetched.prefetch(take)) {
                while (b.hasNext()) {
                    got.add(b.next());
                }
            }
            assertEquals(take, got.size());
            for (int k = 0; k < take; k++) {
                assertArrayEquals(expected.get(k).labels(), got.get(k).labels(), "labels of batch " + k);
                assertArrayEquals(expected.get(k).images(), got.get(k).images(), "images of batch " + k);
            }
            assertEquals(plainRandom.state(), prefetchRandom.state(), "generator after " + take + " batches");
        }
    }

    @Test
    void itemsAreMadeOnAnotherThread() {
        Counting source = new Counting(5);
        Thread caller = Thread.currentThread();
        List<Integer> got = new ArrayList<>();
        try (Prefetch<Integer> p = new Prefetch<>(source, 2)) {
            while (p.hasNext()) {
                got.add(p.next());
                Thread maker = source.thread.get();
                assertNotEquals(caller, maker);
                assertTrue(maker.getName().startsWith(Prefetch.THREAD_PREFIX), maker.getName());
                assertTrue(maker.isDaemon());
            }
            assertThrows(NoSuchElementException.class, p::next);
        }
        assertEquals(List.of(0, 1, 2, 3, 4), got);
    }

    @Test
    void failureOfTheSourceSurfacesAtNextWithItsTypeAndMessage() {
        UserError error = new UserError("image 2 is truncated");
        Iterator<Integer> source = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 2) {
                    throw error;
                }
                return next++;
            }
        };
        try (Prefetch<Integer> p = new Prefetch<>(source, 2)) {
            assertEquals(0, p.next());
            assertEquals(1, p.next());
            assertTrue(p.hasNext(), "the failure is reported by next()");
            UserError thrown = assertThrows(UserError.class, p::next);
            assertSame(error, thrown);
            assertEquals("image 2 is truncated", thrown.getMessage());
            assertFalse(p.hasNext());
        }
    }

    @Test
    void closingAnAbandonedPrefetchEndsItsThread() {
        Counting source = new Counting(Integer.MAX_VALUE);
        Prefetch<Integer> p = new Prefetch<>(source, 2);
        assertEquals(0, p.next());
        Thread maker = source.thread.get();
        p.close();
        assertFalse(maker.isAlive(), "close() returns once the thread has ended");
        int built = source.built.get();
        assertTrue(built <= 3, "at most two ahead of the one taken: " + built);
        assertFalse(p.hasNext());
    }

    @Test
    void closingBeforeAnythingIsTakenEndsItsThread() throws InterruptedException {
        Counting source = new Counting(Integer.MAX_VALUE);
        Prefetch<Integer> p = new Prefetch<>(source, 3);
        while (source.built.get() < 3) {
            Thread.sleep(1);
        }
        Thread maker = source.thread.get();
        p.close();
        assertFalse(maker.isAlive());
        assertEquals(3, source.built.get());
    }

    @Test
    void neverRunsMoreThanItsLookaheadBeforeTheCaller() throws InterruptedException {
        int ahead = 3;
        int n = 20;
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger built = new AtomicInteger();
        AtomicInteger maxLead = new AtomicInteger();
        Iterator<Integer> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return built.get() < n;
            }

            @Override
            public Integer next() {
                int item = built.get();
                // items made, this one included, less those the caller has asked for so far
                maxLead.accumulateAndGet(item + 1 - asked.get(), Math::max);
                return built.getAndIncrement();
            }
        };
        try (Prefetch<Integer> p = new Prefetch<>(source, ahead)) {
            for (int i = 0; i < n; i++) {
                // let the background thread fill its lookahead before each request
                while (built.get() < Math.min(n, asked.get() + ahead)) {
                    Thread.sleep(1);
                }
                asked.incrementAndGet();
                assertEquals(i, p.next());
            }
            assertFalse(p.hasNext());
        }
        assertEquals(ahead, maxLead.get());
    }
}
