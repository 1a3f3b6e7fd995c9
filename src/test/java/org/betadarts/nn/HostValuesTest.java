package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tensors of Java values and the numbers of arithmetic stay valid when the garbage collector frees
 * Java memory: between a forward and its backward pass, and after their own handle is closed.
 */
class HostValuesTest {
    /** A manager's {@code create}: on the CPU a tensor in the memory of a Java buffer. */
    private static final Pattern JAVA_MEMORY = Pattern.compile("(?i:manager)(\\(\\))?\\s*\\.\\s*create\\s*\\(");
    @Test
    void theBackwardPassOfArithmeticWithNumbersReadsTheNumbersAfterACollection() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = HostValues.tensor(m, new float[] {0.5f, 2, -3, 4}, new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray y = HostValues.div(HostValues.mul(HostValues.maximum(x, 1), 3), 16).sum();
                JavaMemory.freeUnreachableBuffers();
                c.backward(y);
            }
            // d/dx of max(x, 1) * 3 / 16: 3/16 where x > 1, 0 where x < 1
            assertArrayEquals(new float[] {0, 3f / 16, 0, 3f / 16}, x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void aViewOfATensorOfJavaValuesOutlivesTheTensorsHandle() {
        try (NDManager m = TestDevice.manager()) {
            float[] values = {1, 2, 3, 4, 5, 6};
            NDArray t = HostValues.tensor(m, values, new Shape(2, 3));
            NDArray view = t.reshape(3, 2); // shares t's memory
            t.close();
            JavaMemory.freeUnreachableBuffers();
            assertArrayEquals(values, view.toFloatArray(), 0f);
            NDArray scalar = HostValues.scalar(view, 0.25);
            assertArrayEquals(new float[] {0.25f}, scalar.toFloatArray(), 0f);
        }
    }

    /**
     * Tensors of host values are made by {@link HostValues} (and by {@link HostCopy}, which only copies
     * them into a tensor at once): none of the product's tensors lives in Java memory.
     */
    @Test
    void noOtherTensorOfJavaMemory() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> allowed = List.of(main.resolve("org/betadarts/nn/HostValues.java"),
                main.resolve("org/betadarts/nn/HostCopy.java"));
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !allowed.contains(f))
                    .flatMap(f -> lines(f).stream().filter(l -> JAVA_MEMORY.matcher(l).find())
                            .map(l -> main.relativize(f) + ": " + l.strip()))
                    .toList();
        }
        assertEquals(List.of(), offenders);
        for (Path p : allowed) {
            assertTrue(lines(p).stream().anyMatch(l -> JAVA_MEMORY.matcher(l).find()), "the scan sees " + p);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
