package org.betadarts.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.betadarts.io.UserError;

/**
 * Decodes a PNG or JPEG file with the JDK's image readers into a square RGB image: turned upright where a
 * JPEG's EXIF data says how the camera was held ({@link ExifOrientation}), scaled so that its shorter side is
 * {@code size} pixels, then cropped to the centre. The declared width and height are checked
 * before any pixel is decoded, and large images are decoded at a reduced resolution.
 */
public final class ImageDecoder {
    /** The most pixels a file may declare. */
    static final long MAX_PIXELS = 1L << 28;

    private ImageDecoder() {}

    /** Writes the image of {@code file} as 3 planes of size x size bytes into {@code out} from {@code offset}. */
    static void decode(Path file, int size, byte[] out, int offset) {
        BufferedImage image = read(file, size);
        BufferedImage square = square(image, size);
        int plane = size * size;
        int[] rgb = square.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[offset + i] = (byte) (p >> 16);
            out[offset + plane + i] = (byte) (p >> 8);
            out[offset + 2 * plane + i] = (byte) p;
        }
    }

    /**
     * Reads a PNG or JPEG file, at a reduced resolution when it is at least 8 times {@code size} on its
     * shorter side; anything else is a {@link UserError}.
     */
    public static BufferedImage read(Path file, int size) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UserError(file + ": not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw new UserError(file + ": a " + format + " image, expected PNG or JPEG");
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    throw new UserError(file + ": declares " + width + "x" + height + " pixels, more than "
                            + MAX_PIXELS + " in all");
                }
                int step = Math.max(1, Math.min(width, height) / (4 * size));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new UserError(file + ": cannot decode the image");
                }
                return format.equals("jpeg") ? ExifOrientation.upright(image, ExifOrientation.of(file)) : image;
            } finally {
                reader.dispose();
            }
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": cannot decode the image: " + e.getMessage(), e);
        }
    }

    /** Scales the shorter side to {@code size} in halving steps, then crops the centre square (RGB). */
    public static BufferedImage square(BufferedImage image, int size) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (Math.min(w, h) >= 4 * size) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, 0, 0, w, h);
        }
        double scale = (double) size / Math.min(w, h);
        int sw = Math.max(size, (int) Math.round(w * scale));
        int sh = Math.max(size, (int) Math.round(h * scale));
        return draw(current, size, size, (size - sw) / 2, (size - sh) / 2, sw, sh);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int x, int y, int w, int h) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, x, y, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
