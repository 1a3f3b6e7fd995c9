package org.betadarts.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** squeue's lines as Slurm 22.05 prints them for {@link SlurmQueue#COMMAND}. */
class SlurmQueueTest {
    /** Two arrays: one throttled and running, one that ended (a task failed), and a plain job. */
    static final String SQUEUE = """
            12|3|PENDING|JobArrayTaskLimit
            12|0|RUNNING|None
            12|2|COMPLETING|None
            4|5|COMPLETED|None
            4|0|FAILED|NonZeroExitCode
            4|1|REQUEUED|None
            9|N/A|RUNNING|None
            """;

    @Test
    void oneTaskPerLineByJobAndIndex() {
        Map<String, SlurmQueue.Task> q = SlurmQueue.parse(SQUEUE);
        assertEquals(List.of("12_3", "12_0", "12_2", "4_5", "4_0", "4_1"), List.copyOf(q.keySet()),
                "the job that is not an array is passed over");
        assertEquals(new SlurmQueue.Task("PENDING", "JobArrayTaskLimit"), q.get("12_3"));
        assertTrue(q.get("12_3").queued() && !q.get("12_3").running());
        assertTrue(q.get("12_0").running() && q.get("12_2").running(), "completing still holds the node");
        assertTrue(q.get("4_1").queued(), "a requeued task waits to start again");
        for (String ended : List.of("4_5", "4_0")) {
            assertFalse(q.get(ended).active(), ended);
        }
        assertEquals("NonZeroExitCode", q.get("4_0").reason());
    }

    @Test
    void aPendingRangeGivesEveryIndexOfIt() {
        Map<String, SlurmQueue.Task> q = SlurmQueue.parse("7|0-2,5%1|PENDING|None\n8|[3,6-7]|PENDING|Priority\n");
        assertEquals(List.of("7_0", "7_1", "7_2", "7_5", "8_3", "8_6", "8_7"), List.copyOf(q.keySet()));
        assertEquals("Priority", q.get("8_7").reason());
    }

    @Test
    void emptyOrForeignOutputGivesNoTasks() {
        assertTrue(SlurmQueue.parse("").isEmpty());
        assertTrue(SlurmQueue.parse("JOBID PARTITION NAME\nslurm_load_jobs error: Unable to contact slurm controller\n")
                .isEmpty());
    }
}
