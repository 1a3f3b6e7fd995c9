package org.betadarts.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iterator that takes the items of another on a background thread, up to {@code ahead} items
 * before they are asked for, so that preparing the next batches (gathering, augmenting and
 * normalizing images) overlaps with the network's work on the current one.
 *
 * <p>The items come in the source's order, and the source is only ever used by the one background
 * thread, so a source that draws from a random generator draws the same numbers in the same order
 * as it would on the caller's thread. It does run ahead of the caller: a source that must not draw
 * for items nobody takes should be limited to the items that will be taken (as
 * {@link BatchLoader#iterator(int)} is). {@link #close()} stops the thread and waits for it, so once
 * it returns the source is no longer in use and may be read or restarted safely; every use should
 * close it (try-with-resources), whether it was read to the end or abandoned.
 *
 * <p>An exception thrown by the source is rethrown by {@link #next()} in place of the item it was
 * preparing: unchecked exceptions and errors as the same object, so type and message are kept.
 * Only plain Java objects should pass through: engine arrays belong to the caller's thread.
 */
public final class Prefetch<T> implements Iterator<T>, AutoCloseable {
    private static final Object END = new Object();
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The name every prefetch thread's name starts with. */
    public static final String THREAD_PREFIX = "betadarts-prefetch-";

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Thread thread;
    private Object head;
    private boolean finished;

    /** A failure of the source, carried through the queue to the caller. */
    private record Failure(Throwable error) {}

    /** Starts taking items from {@code source} now, at most {@code ahead} (at least 1) before the caller. */
    public Prefetch(Iterator<T> source, int ahead) {
        if (ahead < 1) {
            throw new IllegalArgumentException("prefetch must run at least one item ahead: " + ahead);
        }
        room = new Semaphore(ahead);
        thread = new Thread(() -> produce(source), THREAD_PREFIX + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** The background loop: one permit of {@code room} per item taken from the source and not yet handed on. */
    private void produce(Iterator<T> source) {
        try {
            while (true) {
                room.acquire();
                if (!source.hasNext()) {
                    queue.add(END);
                    return;
                }
                queue.add(source.next());
            }
        } catch (InterruptedException e) {
            // closed: stop without touching the source again
        } catch (Throwable e) {
            queue.add(new Failure(e));
        }
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        if (head == END) {
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object item = head;
        head = null;
        if (item instanceof Failure failure) {
            finished = true;
            throw rethrow(failure.error());
        }
        room.release();
        return (T) item;
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getMessage(), e);
    }

    /** Stops the background thread and waits until it has ended; items not taken are dropped. */
    @Override
    public void close() {
        finished = true;
        head = null;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
