package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class DevicesTest {
    /** Ways to make a device or a base manager (whose device defaults to the CPU) other than {@link Devices}. */
    private static final Pattern OTHER_WAY_IN = Pattern.compile(
            "newBaseManager\\s*\\(|\\bDevice\\s*\\.\\s*(cpu|gpu|of|fromName)\\s*\\(|\\bnew\\s+Device\\s*\\(");

    @Test
    void namesSelectDevices() {
        assertEquals(Device.cpu(), Devices.syntax("cpu"));
        assertEquals(Device.gpu(0), Devices.syntax("gpu"));
        assertEquals(Device.gpu(3), Devices.syntax("gpu:3"));
        assertEquals("gpu:3", Devices.name(Devices.syntax("gpu:3")));
        assertEquals("gpu:0", Devices.name(Devices.syntax("gpu")));
        assertEquals("cpu", Devices.name(Devices.syntax("cpu")));
        for (String bad : new String[] {"cuda", "gpu:", "gpu:-1", "gpu:x", "GPU", "cpu:0", ""}) {
            UserError e = assertThrows(UserError.class, () -> Devices.syntax(bad), bad);
            assertTrue(e.getMessage().contains("expected cpu, gpu or gpu:N"), e.getMessage());
        }
        assertThrows(UserError.class, () -> Devices.syntax(null));
    }

    @Test
    void gpuWithoutAGpuSaysWhatToDo() {
        assumeTrue(Devices.gpuCount() == 0, "a GPU is present");
        for (String name : List.of("gpu", "gpu:1")) {
            UserError e = assertThrows(UserError.class, () -> Devices.parse(name));
            assertTrue(e.getMessage().startsWith("--device " + name + ": the PyTorch engine sees no GPU"), e.getMessage());
            assertTrue(e.getMessage().contains("is a CPU build") && e.getMessage().contains("BETADARTS_NATIVES=cuda")
                    && e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
        assertEquals(Device.cpu(), Devices.parse("cpu"));
    }

    @Test
    void managersCarryTheirDevice() {
        try (var manager = Devices.manager(Devices.cpu()); var x = manager.ones(new ai.djl.ndarray.types.Shape(2))) {
            assertEquals(Device.cpu(), manager.getDevice());
            assertEquals(Device.cpu(), x.getDevice());
        }
    }

    /** Only {@link Devices} makes devices and base managers: every tensor then follows the run's device. */
    @Test
    void noOtherWayIn() throws IOException {
        Path main = Path.of("src/main/java");
        Path allowed = main.resolve("org/betadarts/nn/Devices.java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.equals(allowed))
                    .flatMap(f -> lines(f).stream().filter(l -> OTHER_WAY_IN.matcher(l).find())
                            .map(l -> main.relativize(f) + ": " + l.strip()))
                    .toList();
        }
        assertEquals(List.of(), offenders);
        assertTrue(lines(allowed).stream().anyMatch(l -> OTHER_WAY_IN.matcher(l).find()), "the scan sees Devices' own calls");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
