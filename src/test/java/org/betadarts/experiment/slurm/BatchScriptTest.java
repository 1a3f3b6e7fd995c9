package org.betadarts.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScriptTest {
    @TempDir
    Path tmp;

    static final List<BatchScript.Task> TASKS = List.of(
            new BatchScript.Task(0, "none-seed0", List.of("--epochs", "2", "--seed", "0", "--out", "/x/exp/none-seed0")),
            new BatchScript.Task(2, "it's-seed1", List.of("--data-dir", "/data/my set", "--seed", "1")),
            new BatchScript.Task(3, "beta-decay-seed2", List.of("--seed", "2")));

    static final BatchScript.Program PROGRAM = new BatchScript.Program(List.of("/opt/java/bin/java", "-Xmx2g"),
            "/x/app.jar:/x/lib/a.jar", "org.betadarts.cli.Main");

    private static List<String> sbatchLines(String script) {
        return script.lines().filter(l -> l.startsWith("#SBATCH ")).map(l -> l.substring(8)).toList();
    }

    @Test
    void sbatchLinesHoldTheArrayOutputSignalAndEveryGivenOption() {
        SlurmSettings s = new SlurmSettings("gpu", "4:00:00", 1, 8, "16G", 2, 120, true, List.of("--account=abc",
                "--qos=low"));
        String script = BatchScript.text(Path.of("/x/exp"), s, TASKS, PROGRAM);
        assertTrue(script.startsWith("#!/bin/bash\n"));
        assertEquals(List.of("--job-name=betadarts-exp", "--array=0,2-3%2", "--output=/x/exp/slurm/logs/%A_%a.out",
                "--open-mode=append", "--signal=B:USR1@120", "--cpus-per-task=8", "--partition=gpu", "--time=4:00:00",
                "--gpus-per-task=1", "--mem=16G", "--requeue", "--account=abc", "--qos=low"), sbatchLines(script));
        assertTrue(script.contains("scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\""));
    }

    @Test
    void defaultsLeaveTheClusterDefaultsAndDoNotRequeue() {
        String script = BatchScript.text(Path.of("/x/exp"), SlurmSettings.defaults(), TASKS, PROGRAM);
        assertEquals(List.of("--job-name=betadarts-exp", "--array=0,2-3", "--output=/x/exp/slurm/logs/%A_%a.out",
                "--open-mode=append", "--signal=B:USR1@300", "--cpus-per-task=1"), sbatchLines(script));
        assertFalse(script.contains("scontrol"), "no requeue without --requeue");
    }

    @Test
    void eachTaskHasItsRunAndQuotedArguments() {
        String script = BatchScript.text(Path.of("/x/exp"), SlurmSettings.defaults(), TASKS, PROGRAM);
        assertTrue(script.contains("  2) RUN='it'\\''s-seed1'; ARGS=('--data-dir' '/data/my set' '--seed' '1') ;;\n"),
                script);
        assertTrue(script.contains("JAVA=('/opt/java/bin/java' '-Xmx2g')\nCLASS_PATH='/x/app.jar:/x/lib/a.jar'\n"));
        assertTrue(script.contains("\"${JAVA[@]}\" \"-Dai.djl.pytorch.num_threads=$THREADS\" -cp \"$CLASS_PATH\" "
                + "org.betadarts.cli.Main \"$@\" &"));
    }

    @Test
    void arraySpecsJoinConsecutiveIndices() {
        assertEquals("0-3,5,7-8", BatchScript.array(List.of(8, 0, 1, 2, 3, 5, 7)));
        assertEquals("4", BatchScript.array(List.of(4)));
        assertThrows(IllegalArgumentException.class,
                () -> BatchScript.text(Path.of("/x"), SlurmSettings.defaults(), List.of(), PROGRAM));
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(UserError.class, () -> new SlurmSettings(null, null, null, 0, null, null, 300, false, List.of()));
        assertThrows(UserError.class, () -> new SlurmSettings(null, null, null, 1, null, 0, 300, false, List.of()));
        assertThrows(UserError.class, () -> new SlurmSettings(null, null, null, 1, null, null, 300, false,
                List.of("account=abc")));
    }

    /**
     * The script itself, run by bash without Slurm: a fake java records its arguments; a task without a
     * checkpoint starts its search, one with a checkpoint resumes it, one that has finished does nothing,
     * and SIGUSR1 to the script reaches the search, whose exit code 75 makes the task requeue itself.
     */
    @Test
    void theScriptStartsResumesSkipsAndForwardsTheSignal() throws Exception {
        Path exp = Files.createDirectories(tmp.resolve("exp"));
        Path calls = tmp.resolve("calls.txt");
        Path java = fake(tmp.resolve("java"), """
                #!/bin/bash
                echo "$*" >> %s
                trap 'exit 75' USR1
                if [ "${FAKE_WAIT:-0}" = 1 ]; then touch %s; while true; do sleep 0.05; done; fi
                exit 0
                """.formatted(calls, tmp.resolve("waiting")));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        fake(bin.resolve("scontrol"), "#!/bin/bash\necho \"scontrol $*\" >> " + calls + "\n");
        SlurmSettings requeue = new SlurmSettings(null, null, null, 1, null, null, 300, true, List.of());
        Path script = tmp.resolve("array.sbatch");
        Files.writeString(script, BatchScript.text(exp, requeue, TASKS,
                new BatchScript.Program(List.of(java.toString()), "CP", "Main")));

        assertEquals(0, task(script, bin, 0, false).waitFor());
        assertEquals("-Dai.djl.pytorch.num_threads=1 -cp CP Main search --epochs 2 --seed 0 --out /x/exp/none-seed0",
                last(calls), "no checkpoint: a new search with the run's options");

        Files.createDirectories(exp.resolve("it's-seed1/checkpoints"));
        Files.writeString(exp.resolve("it's-seed1/checkpoints/epoch-0001-step-000000.ckpt"), "");
        Process p = task(script, bin, 2, true);
        while (!Files.exists(tmp.resolve("waiting"))) {
            assertTrue(p.isAlive());
            Thread.sleep(5);
        }
        assertEquals("-Dai.djl.pytorch.num_threads=1 -cp CP Main search --resume " + exp.resolve("it's-seed1")
                + " --quiet", last(calls), "a checkpoint: resumed");
        assertEquals(0, new ProcessBuilder("kill", "-USR1", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(75, p.exitValue());
        assertEquals("scontrol requeue 77_2", last(calls), "stopped by the signal: requeued");
        String output = Files.readString(tmp.resolve("task2.out"));
        assertTrue(output.contains("task 2 (it's-seed1): search exited with code 75"), output);

        Files.createDirectories(exp.resolve("beta-decay-seed2"));
        Files.writeString(exp.resolve("beta-decay-seed2/genotype.json"), "{}");
        long before = Files.readAllLines(calls).size();
        assertEquals(0, task(script, bin, 3, false).waitFor());
        assertEquals(before, Files.readAllLines(calls).size(), "a finished run is not run again");
        assertEquals(2, task(script, bin, 1, false).waitFor(), "an index the script does not list");
    }

    private static Path fake(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Process task(Path script, Path bin, int index, boolean waitForSignal) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("task" + index + ".out").toFile());
        b.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(index));
        b.environment().put("SLURM_ARRAY_JOB_ID", "77");
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        b.environment().put("FAKE_WAIT", waitForSignal ? "1" : "0");
        b.environment().remove("SLURM_CPUS_PER_TASK");
        return b.start();
    }

    private static String last(Path calls) throws Exception {
        List<String> lines = Files.readAllLines(calls);
        return lines.get(lines.size() - 1);
    }
}
