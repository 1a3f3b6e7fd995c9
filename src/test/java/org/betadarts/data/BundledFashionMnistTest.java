package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Fashion-MNIST subset in the jar, which {@code fashion-mnist} reads when no directory is given. */
class BundledFashionMnistTest {
    /** SHA-256 of the uncompressed files, as PROVENANCE.md gives them. */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte", "ed2e37ed5a3a57d212141a69fe0a0de5a7126ffba14ac3f7e76f5f52cc04b1f0",
            "train-labels-idx1-ubyte", "a69f2dad024ca220a8c4d85f621fdf929042d40c444abde2868903e9220ad517",
            "t10k-images-idx3-ubyte", "862035b0a96959b614c9574f4c2b0ae9584ca234813e8d6d7adb7838b12ca46b",
            "t10k-labels-idx1-ubyte", "aa3f574d30afaf0d4d9da084a6f8541771e20693d6a97fae6e9a4953fca8f078");
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private static String text(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Datasets.class.getResourceAsStream(Datasets.BUNDLED_FASHION_MNIST_FOLDER + "/" + name);
        assertNotNull(in, name + " is not on the class path");
        return in;
    }

    @Test
    void loadsTenThousandTrainingAndTwoThousandTestImagesOfEveryClass() {
        Dataset d = Datasets.load("fashion-mnist", null);
        assertEquals("fashion-mnist", d.name());
        assertEquals(10_000, d.train().size());
        assertEquals(2_000, d.test().size());
        for (ImageSet set : new ImageSet[] {d.train(), d.test()}) {
            assertEquals(1, set.channels());
            assertEquals(28, set.height());
            assertEquals(28, set.width());
            assertEquals(set.size() * 28 * 28, set.pixels().length);
            int[] counts = new int[10];
            for (int label : set.labels()) {
                counts[label]++; // a label outside 0..9 throws here
            }
            for (int c = 0; c < 10; c++) {
                assertTrue(counts[c] > set.size() / 20, "class " + c + ": " + counts[c] + " images");
            }
        }
        assertEquals("Ankle boot", d.classNames().get(d.train().labels()[0]));
    }

    @Test
    void filesHaveTheChecksumsOfTheirProvenanceNote() throws IOException, NoSuchAlgorithmException {
        String provenance = text("PROVENANCE.md");
        for (Map.Entry<String, String> file : SHA256.entrySet()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new GZIPInputStream(resource(file.getKey() + ".gz"))) {
                sha.update(in.readAllBytes());
            }
            assertEquals(file.getValue(), HexFormat.of().formatHex(sha.digest()), file.getKey());
            assertTrue(provenance.contains(file.getValue() + "  " + file.getKey() + "\n"), file.getKey());
        }
        assertTrue(provenance.contains("dataset-fashion-mnist") && provenance.contains("0.0~git20200523.55506a9-1"));
        String licence = text("LICENSE");
        assertTrue(licence.startsWith("The MIT License (MIT) Copyright © 2017 Zalando SE"), licence);
    }

    @Test
    void imagesAreTheFirstOfTheFullSet() {
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN), DEBIAN + " (Debian's dataset-fashion-mnist) is absent");
        Dataset full = Datasets.load("fashion-mnist", DEBIAN);
        Dataset bundled = Datasets.load("fashion-mnist", null);
        assertEquals(60_000, full.train().size());
        assertEquals(10_000, full.test().size());
        assertArrayEquals(Arrays.copyOf(full.train().pixels(), 10_000 * 784), bundled.train().pixels());
        assertArrayEquals(Arrays.copyOf(full.train().labels(), 10_000), bundled.train().labels());
        assertArrayEquals(Arrays.copyOf(full.test().pixels(), 2_000 * 784), bundled.test().pixels());
        assertArrayEquals(Arrays.copyOf(full.test().labels(), 2_000), bundled.test().labels());
    }

    @Test
    void aMissingResourceIsNamed() {
        UserError e = assertThrows(UserError.class, () -> IdxReader.readResource("/org/betadarts/data/nowhere", "train"));
        assertTrue(e.getMessage().contains("/org/betadarts/data/nowhere/train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("not on the class path"), e.getMessage());
    }
}
