package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.betadarts.io.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop request ends a search at the next step boundary with a checkpoint there, and the search resumes from it exactly. */
class StopRequestTest {
    @TempDir
    Path tmp;

    /** Requests the stop while the step {@code step} (from 0) of epoch {@code epoch} (from 0) is under way. */
    private static SearchListener stopDuring(StopRequest stop, int epoch, int step) {
        return new SearchListener() {
            @Override
            public void stepped(int e, int s, double trainLoss, double trainAccuracy) {
                if (e == epoch && s == step) {
                    stop.request("test");
                }
            }
        };
    }

    private static List<String> checkpoints(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stopsAfterTheStepWithACheckpointThereAndResumesToTheUninterruptedResult() throws Exception {
        SearchConfig config = TinySearch.config("beta-decay");
        float[] expected;
        try (Search s = TinySearch.search(config)) {
            s.run(RunDirectory.create(tmp.resolve("whole")), SearchListener.NONE);
            expected = s.alpha().values().clone();
        }
        Path run = tmp.resolve("stopped");
        StopRequest stop = new StopRequest();
        try (Search s = TinySearch.search(config)) {
            StoppedOnRequest e = assertThrows(StoppedOnRequest.class,
                    () -> s.run(RunDirectory.create(run), stopDuring(stop, 1, 1), RunOptions.DEFAULTS, stop));
            assertEquals(1, e.epochsDone());
            assertEquals(2, e.step(), "the step under way ends first");
        }
        assertEquals(List.of("epoch-0001-step-000000.ckpt", "epoch-0001-step-000002.ckpt"), checkpoints(run),
                "the epoch's and the stop's, although no step checkpoints were asked for");
        assertFalse(Files.exists(run.resolve(RunDirectory.GENOTYPE_JSON)));
        float[] actual;
        try (Search s = TinySearch.search(config)) {
            s.restore(new Checkpoints(run.resolve(RunDirectory.CHECKPOINTS), 2).latest());
            s.run(RunDirectory.open(run), SearchListener.NONE);
            actual = s.alpha().values().clone();
        }
        assertArrayEquals(expected, actual, 0f, "α at the end");
    }

    @Test
    void aRequestDuringTheLastStepOfAnEpochStopsAfterItsEndButTheLastEpochFinishes() throws Exception {
        SearchConfig config = TinySearch.config("none");
        int steps;
        try (Search s = TinySearch.search(config)) {
            steps = s.stepsPerEpoch();
            StopRequest stop = new StopRequest();
            StoppedOnRequest e = assertThrows(StoppedOnRequest.class, () -> s.run(RunDirectory.create(tmp.resolve("a")),
                    stopDuring(stop, 0, s.stepsPerEpoch() - 1), RunOptions.DEFAULTS, stop));
            assertEquals(1, e.epochsDone());
            assertEquals(0, e.step());
        }
        assertEquals(1, Files.readAllLines(tmp.resolve("a").resolve(RunDirectory.METRICS)).size(), "the epoch ended");
        try (Search s = TinySearch.search(config)) {
            StopRequest stop = new StopRequest();
            s.run(RunDirectory.create(tmp.resolve("b")), stopDuring(stop, 1, steps - 1), RunOptions.DEFAULTS, stop);
        }
        assertTrue(Files.exists(tmp.resolve("b").resolve(RunDirectory.GENOTYPE_JSON)), "a stop in the last step finishes");
        assertThrows(IllegalStateException.class, () -> StopRequest.NEVER.request("test"));
    }
}
