package org.betadarts.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The orientation a JPEG's EXIF data gives (tag 0x0112: how the camera was held), and the image turned
 * upright by it, as viewers show it. Cameras and phones store pixels as the sensor read them and record
 * the turn there. The file is read as untrusted input: anything malformed counts as upright (1).
 */
final class ExifOrientation {
    /** How many bytes of the file's start are searched for the EXIF segment. */
    static final int HEAD = 1 << 17;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** The EXIF orientation of a JPEG file, 1 to 8; 1 (upright) when there is none or it cannot be read. */
    static int of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(HEAD));
        } catch (IOException e) {
            return 1;
        }
    }

    /** The orientation in the start of a JPEG file's bytes. */
    static int of(byte[] b) {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
            return 1;
        }
        int p = 2;
        while (p + 4 <= b.length && u8(b, p) == 0xFF) {
            int marker = u8(b, p + 1);
            if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image: no EXIF before the pixels
                return 1;
            }
            int length = (u8(b, p + 2) << 8) | u8(b, p + 3);
            if (length < 2) {
                return 1;
            }
            int data = p + 4;
            if (marker == 0xE1 && data + 6 <= b.length && b[data] == 'E' && b[data + 1] == 'x' && b[data + 2] == 'i'
                    && b[data + 3] == 'f' && b[data + 4] == 0 && b[data + 5] == 0) {
                return fromTiff(b, data + 6, Math.min(b.length, p + 2 + length));
            }
            p += 2 + length;
        }
        return 1;
    }

    /** The orientation entry of IFD0 of the TIFF structure in {@code b[start, end)}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return 1;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, start + 2, little) != 42) {
            return 1;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long e = ifd + 2 + 12L * i;
            if (e + 12 > end) {
                return 1;
            }
            int at = (int) e;
            if (u16(b, at, little) == ORIENTATION_TAG) {
                int type = u16(b, at + 2, little);
                int value = type == 3 ? u16(b, at + 8, little) : -1; // SHORT, stored in the entry itself
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** {@code image} turned upright for EXIF orientation {@code orientation} (1: itself). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        int ow = swaps ? h : w;
        int oh = swaps ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored left to right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // turned 180°
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored top to bottom
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // turned 90° clockwise to show
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    default -> { sx = w - 1 - y; sy = x; }         // 8: turned 90° counter-clockwise to show
                }
                out[y * ow + x] = src[sy * w + sx];
            }
        }
        BufferedImage turned = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        turned.setRGB(0, 0, ow, oh, out, 0, ow);
        return turned;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? u8(b, i) | (u8(b, i + 1) << 8) : (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i, boolean little) {
        long v = little ? u16(b, i, true) | ((long) u16(b, i + 2, true) << 16)
                : ((long) u16(b, i, false) << 16) | u16(b, i + 2, false);
        return v & 0xFFFFFFFFL;
    }
}
