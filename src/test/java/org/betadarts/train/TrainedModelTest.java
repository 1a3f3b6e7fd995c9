package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.betadarts.data.Dataset;
import org.betadarts.data.ImageDecoder;
import org.betadarts.data.ImageSet;
import org.betadarts.io.UserError;
import org.betadarts.nn.TestDevice;
import org.betadarts.search.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelTest {
    @TempDir
    Path tmp;

    /** Trains one epoch on the tiny data with {@code channels} channels and saves the model into {@code dir}. */
    private static float[][] trainAndSave(int channels, Path dir, float[][] inputs) {
        Dataset data = TinyTraining.data(channels);
        try (Trainer t = new Trainer(TinyTraining.config(), data, TinyTraining.cell(TinyTraining.CELL), TestDevice.device())) {
            t.runEpoch(0, RunListener.NONE);
            TrainedModel model = t.model();
            model.save(dir);
            float[][] out = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                out[i] = model.probabilities(inputs[i]);
            }
            return out;
        }
    }

    /** Image {@code i} of a set as pixel values in [0,1]. */
    private static float[] pixels(ImageSet set, int i) {
        float[] v = new float[set.imageBytes()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (set.pixels()[i * v.length + k] & 0xff) / 255f;
        }
        return v;
    }

    /** Writes image {@code i} of a one- or three-channel set as a PNG file. */
    private static Path exportPng(ImageSet set, int i, Path file) throws Exception {
        int w = set.width();
        int h = set.height();
        BufferedImage img = new BufferedImage(w, h,
                set.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (set.channels() == 1) {
                    img.getRaster().setSample(x, y, 0, set.pixel(i, 0, y, x));
                } else {
                    img.setRGB(x, y, set.pixel(i, 0, y, x) << 16 | set.pixel(i, 1, y, x) << 8 | set.pixel(i, 2, y, x));
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void aSavedModelPredictsExactlyAsTheTrainedNetwork() throws Exception {
        ImageSet test = TinyTraining.data(1).test();
        float[][] inputs = {pixels(test, 0), pixels(test, 1), pixels(test, 2)};
        Path dir = tmp.resolve("model");
        float[][] before = trainAndSave(1, dir, inputs);
        try (TrainedModel loaded = TrainedModel.load(dir)) {
            for (int i = 0; i < inputs.length; i++) {
                assertArrayEquals(before[i], loaded.probabilities(inputs[i]), 0f);
                float sum = 0;
                for (float p : before[i]) {
                    sum += p;
                }
                assertEquals(1f, sum, 1e-5f);
            }
            ModelDescription d = loaded.description();
            assertEquals(List.of("dark", "mid", "light"), loaded.classNames());
            assertEquals(8, d.height());
            assertEquals(1, d.shape().inputChannels());
            assertEquals("nb201", d.space());
            assertEquals(TinyTraining.CELL, loaded.genotype().text());
            assertTrue(d.testAccuracy() >= 0 && d.testAccuracy() <= 1);
            List<Prediction> ranked = loaded.predict(inputs[0]);
            assertEquals(3, ranked.size());
            assertTrue(ranked.get(0).probability() >= ranked.get(1).probability());
            assertEquals(before[0][ranked.get(0).label()], ranked.get(0).probability());
        }
        Path earlier = earlierLayout(dir, tmp.resolve("earlier"));
        try (TrainedModel loaded = TrainedModel.load(earlier)) {
            for (int i = 0; i < inputs.length; i++) {
                assertArrayEquals(before[i], loaded.probabilities(inputs[i]), 0f, "weights with metadata {}");
            }
        }
    }

    /**
     * A copy of the model directory {@code dir} whose weights file has its metadata written {@code {}}, as
     * models were saved before the tensor file format had one writer, with the checksum recomputed.
     */
    private static Path earlierLayout(Path dir, Path copy) throws Exception {
        Files.createDirectories(copy);
        Files.copy(dir.resolve(TrainedModel.DESCRIPTION), copy.resolve(TrainedModel.DESCRIPTION));
        byte[] saved = Files.readAllBytes(dir.resolve(TrainedModel.WEIGHTS));
        int metadata = ByteBuffer.wrap(saved).getInt(8);
        assertEquals("{ }", new String(saved, 12, metadata, StandardCharsets.UTF_8));
        ByteBuffer old = ByteBuffer.allocate(saved.length - 1);
        old.put(saved, 0, 8).putInt(2).put("{}".getBytes(StandardCharsets.UTF_8));
        old.put(saved, 12 + metadata, saved.length - Integer.BYTES - 12 - metadata);
        CRC32 crc = new CRC32();
        crc.update(old.array(), 0, old.position());
        old.putInt((int) crc.getValue());
        Files.write(copy.resolve(TrainedModel.WEIGHTS), old.array());
        return copy;
    }

    @Test
    void anExportedPngIsPredictedAsItsPixels() throws Exception {
        for (int channels : new int[] {1, 3}) {
            ImageSet test = TinyTraining.data(channels).test();
            Path dir = tmp.resolve("model" + channels);
            float[][] expected = trainAndSave(channels, dir, new float[][] {pixels(test, 4)});
            Path png = exportPng(test, 4, tmp.resolve("image" + channels + ".png"));
            try (TrainedModel model = TrainedModel.load(tmp.resolve("model" + channels))) {
                BufferedImage read = ImageDecoder.read(png, 8);
                assertArrayEquals(pixels(test, 4), model.pixels(read), 0f, channels + " channel(s)");
                assertArrayEquals(expected[0], model.probabilities(read), 1e-6f);
            }
        }
    }

    @Test
    void imagesAreScaledCroppedAndConvertedToTheTrainedChannels() {
        Path dir = tmp.resolve("model");
        trainAndSave(1, dir, new float[0][]);
        BufferedImage wide = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                wide.setRGB(x, y, 200 << 16 | 100 << 8 | 50);
            }
        }
        try (TrainedModel model = TrainedModel.load(dir)) {
            float[] px = model.pixels(wide);
            assertEquals(64, px.length);
            for (float v : px) {
                assertEquals(Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255f, v, 1e-6f);
            }
            assertThrows(IllegalArgumentException.class, () -> model.probabilities(new float[63]));
        }
    }

    /** A copy of the model directory {@code dir} whose description has {@code from} replaced by {@code to}. */
    private Path edited(Path dir, String name, String from, String to) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve(name));
        Files.copy(dir.resolve(TrainedModel.WEIGHTS), copy.resolve(TrainedModel.WEIGHTS));
        String description = Files.readString(dir.resolve(TrainedModel.DESCRIPTION));
        assertTrue(description.contains(from), from);
        Files.writeString(copy.resolve(TrainedModel.DESCRIPTION), description.replace(from, to));
        return copy;
    }

    private static void assertLoadFails(Path dir, String part) {
        UserError e = assertThrows(UserError.class, () -> TrainedModel.load(dir));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void loadingRefusesWhatIsNotAFittingModel() throws Exception {
        Path dir = tmp.resolve("model");
        trainAndSave(1, dir, new float[0][]);
        UserError exists = assertThrows(UserError.class, () -> {
            try (Trainer t = new Trainer(TinyTraining.config(), TinyTraining.data(1),
                    TinyTraining.cell(TinyTraining.CELL), TestDevice.device())) {
                t.model().save(dir);
            }
        });
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

        UserError none = assertThrows(UserError.class, () -> TrainedModel.load(Files.createDirectories(tmp.resolve("e"))));
        assertTrue(none.getMessage().contains("not a model directory"), none.getMessage());
        try (TrainedModel inRunDirectory = TrainedModel.load(tmp)) {
            assertEquals(TinyTraining.CELL, inRunDirectory.genotype().text(), "a run directory's model/ is found");
        }

        assertLoadFails(edited(dir, "wider", "\"channels\" : 4", "\"channels\" : 5"), "has shape");
        assertLoadFails(edited(dir, "other", "|+|skip_connect~0|", "|+|nor_conv_1x1~0|"), "does not fit");

        byte[] bytes = Files.readAllBytes(dir.resolve(TrainedModel.WEIGHTS));
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve(TrainedModel.WEIGHTS), bytes);
        UserError damaged = assertThrows(UserError.class, () -> TrainedModel.load(dir));
        assertEquals("weights file " + dir.resolve(TrainedModel.WEIGHTS)
                + " is damaged: checksum mismatch (truncated or corrupted)", damaged.getMessage());
        assertFalse(damaged.getMessage().contains("\n"));
    }
}
