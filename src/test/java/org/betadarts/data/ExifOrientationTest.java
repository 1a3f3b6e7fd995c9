package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifOrientationTest {
    @TempDir
    Path dir;

    /** The 3x2 image a b c / d e f, upright for each orientation, by hand from the EXIF definitions. */
    @Test
    void turnsEachOrientationUpright() {
        int a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;
        BufferedImage image = image(3, 2, a, b, c, d, e, f);
        int[][] expected = {
            null,
            {a, b, c, d, e, f},      // 1: as stored
            {c, b, a, f, e, d},      // 2: mirrored left to right
            {f, e, d, c, b, a},      // 3: turned 180°
            {d, e, f, a, b, c},      // 4: mirrored top to bottom
            {a, d, b, e, c, f},      // 5: mirror, then 270° clockwise (2 wide, 3 high)
            {d, a, e, b, f, c},      // 6: 90° clockwise
            {f, c, e, b, d, a},      // 7: mirror, then 90° clockwise
            {c, f, b, e, a, d},      // 8: 270° clockwise
        };
        for (int o = 1; o <= 8; o++) {
            BufferedImage up = ExifOrientation.upright(image, o);
            assertEquals(o >= 5 ? 2 : 3, up.getWidth(), "orientation " + o);
            assertArrayEquals(expected[o], pixels(up), "orientation " + o);
        }
    }

    @Test
    void readsTheTagInEitherByteOrder() throws IOException {
        byte[] jpeg = jpeg(image(4, 2, 0xFF0000, 0xFF0000, 0x0000FF, 0x0000FF, 0xFF0000, 0xFF0000, 0x0000FF, 0x0000FF));
        assertEquals(1, ExifOrientation.of(jpeg));
        assertEquals(6, ExifOrientation.of(withExif(jpeg, 6, false)));
        assertEquals(3, ExifOrientation.of(withExif(jpeg, 3, true)));
        assertEquals(8, ExifOrientation.of(withExif(jpeg, 8, false)));
    }

    /** Malformed EXIF data counts as upright instead of failing or reading outside the segment. */
    @Test
    void malformedDataIsUpright() throws IOException {
        byte[] jpeg = jpeg(image(2, 2, 1, 2, 3, 4));
        byte[] good = withExif(jpeg, 6, false);
        int app1 = 2 + 2 + ((good[4] & 0xFF) << 8 | (good[5] & 0xFF)); // after SOI and APP0
        byte[] badOffset = good.clone();
        badOffset[app1 + 4 + 6 + 7] = 100; // IFD0 beyond the segment
        assertEquals(1, ExifOrientation.of(badOffset));
        byte[] badValue = good.clone();
        badValue[app1 + 4 + 6 + 8 + 2 + 8 + 1] = 9; // orientation 9 does not exist
        assertEquals(1, ExifOrientation.of(badValue));
        assertEquals(1, ExifOrientation.of(Arrays.copyOf(good, app1 + 12)));
        assertEquals(1, ExifOrientation.of(new byte[] {1, 2, 3}));
    }

    /** A photo taken with the camera turned: the decoder returns it upright (4x2 stored, 2x4 shown). */
    @Test
    void theDecoderTurnsPhotosUpright() throws IOException {
        int red = 0xFF0000, blue = 0x0000FF;
        byte[] jpeg = jpeg(image(8, 4, red, red, red, red, blue, blue, blue, blue, red, red, red, red, blue, blue, blue,
                blue, red, red, red, red, blue, blue, blue, blue, red, red, red, red, blue, blue, blue, blue));
        Path file = dir.resolve("photo.jpg");
        Files.write(file, withExif(jpeg, 6, false));
        BufferedImage up = ImageDecoder.read(file, 4);
        assertEquals(4, up.getWidth());
        assertEquals(8, up.getHeight());
        // turned 90° clockwise: the stored left half (red) is now the top half
        assertEquals(Color.RED, dominant(up.getRGB(2, 1)));
        assertEquals(Color.BLUE, dominant(up.getRGB(2, 6)));
    }

    private enum Color { RED, BLUE }

    private static Color dominant(int rgb) {
        return ((rgb >> 16) & 0xFF) > (rgb & 0xFF) ? Color.RED : Color.BLUE;
    }

    private static BufferedImage image(int w, int h, int... rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    private static int[] pixels(BufferedImage image) {
        int[] p = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(p).map(v -> v & 0xFFFFFF).toArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** {@code jpeg} with an APP1 EXIF segment holding one IFD0 entry, orientation {@code value}, after APP0. */
    private static byte[] withExif(byte[] jpeg, int value, boolean little) {
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(little ? new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0} : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        tiff.writeBytes(u16(1, little));                // one entry
        tiff.writeBytes(u16(0x0112, little));           // orientation
        tiff.writeBytes(u16(3, little));                // SHORT
        tiff.writeBytes(little ? new byte[] {1, 0, 0, 0} : new byte[] {0, 0, 0, 1}); // count 1
        tiff.writeBytes(u16(value, little));
        tiff.writeBytes(new byte[] {0, 0, 0, 0, 0, 0}); // padding, no next IFD
        byte[] t = tiff.toByteArray();
        int length = 2 + 6 + t.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(t);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    private static byte[] u16(int v, boolean little) {
        return little ? new byte[] {(byte) v, (byte) (v >> 8)} : new byte[] {(byte) (v >> 8), (byte) v};
    }
}
