package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java program that uses the library gets the launcher's native settings unless it set its own:
 * checked in new JVMs, since the engine reads them once, when it loads.
 */
class NativeSettingsTest {
    private static final long PAGE = 4096;

    @TempDir
    Path dir;

    /** Unset: the library sets both before libtorch loads, and libtorch aligns a 4 MB tensor to a page (its THP mode). */
    @Test
    void unsetVariablesGetTheLaunchersValues() throws Exception {
        assertEquals(List.of("page-aligned: true", "OMP_WAIT_POLICY: PASSIVE"), probe(Map.of()));
    }

    /** Set by the user: kept (and with THP off the same tensor is 64-byte aligned, not page-aligned, so the check above can fail). */
    @Test
    void valuesTheProcessWasGivenStay() throws Exception {
        assertEquals(List.of("page-aligned: false", "OMP_WAIT_POLICY: ACTIVE"),
                probe(Map.of("THP_MEM_ALLOC_ENABLE", "0", "OMP_WAIT_POLICY", "ACTIVE")));
    }

    /** Runs {@link #main} in a new JVM whose environment has neither variable but those of {@code env}. */
    private List<String> probe(Map<String, String> env) throws IOException, InterruptedException {
        Path log = dir.resolve("probe.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                NativeSettingsTest.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(NativeSettings.DEFAULTS.keySet());
        builder.environment().putAll(env);
        builder.environment().put("DJL_OFFLINE", "true");
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not end");
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("page-aligned") || l.startsWith("OMP_")).toList();
    }

    /** The probe: where the engine put a 4 MB tensor, and the waiting policy native code sees. */
    public static void main(String[] args) {
        try (NDManager m = Devices.manager(Devices.cpu()); NDArray x = m.zeros(new Shape(1024, 1024))) {
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(JniUtils.getByteBuffer((PtNDArray) x, true)));
            System.out.println("page-aligned: " + (address % PAGE == 0));
            System.out.println("OMP_WAIT_POLICY: " + NativeSettings.get("OMP_WAIT_POLICY"));
        }
    }
}
