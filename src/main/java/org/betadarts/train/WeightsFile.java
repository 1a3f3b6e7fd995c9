package org.betadarts.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.UserError;

/**
 * A file of named float32 tensors: the weights of a trained network. All numbers are big-endian:
 *
 * <pre>
 * magic "BDTF" (4 bytes), format version 1 (int32)
 * metadata length in bytes (int32), metadata (UTF-8 JSON object; here always {})
 * tensor count (int32), then for each tensor:
 *   name length in bytes (int32), name (UTF-8), rank (int32), the dimensions (int64 each),
 *   the elements (float32 each, row-major)
 * CRC-32 of every byte above (int32)
 * </pre>
 *
 * Reading checks the magic, the version, the length and the checksum, so that a truncated or damaged
 * file is refused rather than half read.
 */
public final class WeightsFile {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "BDTF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private WeightsFile() {}

    /** A tensor on the host: its dimensions and its elements in row-major order. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold "
                        + data.length + " elements");
            }
        }
    }

    /** Writes {@code tensors} to {@code file} atomically, in map order. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        AtomicFiles.write(file, out -> write(out, tensors));
    }

    static void write(OutputStream target, Map<String, Tensor> tensors) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(target, crc));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(NO_METADATA.length);
        out.write(NO_METADATA);
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            long[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            float[] data = e.getValue().data();
            ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES);
            bytes.asFloatBuffer().put(data);
            out.write(bytes.array());
        }
        out.flush();
        new DataOutputStream(target).writeInt((int) crc.getValue());
    }

    /** Reads a file written by {@link #write(Path, Map)}; anything else is a {@link UserError}. */
    public static Map<String, Tensor> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        int header = MAGIC.length + 2 * Integer.BYTES;
        if (bytes.length < header || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new UserError(file + " is not a betadarts weights file");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new UserError(file + " has format version " + version + "; this betadarts reads " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        if (in.getInt(bytes.length - Integer.BYTES) != (int) crc.getValue()) {
            throw new UserError(file + " is damaged (checksum mismatch)");
        }
        try {
            int metadata = in.getInt();
            in.position(in.position() + metadata);
            int count = in.getInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                byte[] name = new byte[in.getInt()];
                in.get(name);
                long[] shape = new long[in.getInt()];
                long n = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.getLong();
                    n *= shape[i];
                }
                if (n < 0 || n > in.remaining() / Float.BYTES) {
                    throw new BufferUnderflowException();
                }
                float[] data = new float[(int) n];
                in.asFloatBuffer().get(data);
                in.position(in.position() + data.length * Float.BYTES);
                tensors.put(new String(name, StandardCharsets.UTF_8), new Tensor(shape, data));
            }
            if (in.remaining() != Integer.BYTES) {
                throw new BufferUnderflowException();
            }
            return tensors;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException
                 | NegativeArraySizeException e) {
            throw new UserError(file + " is malformed: its parts do not add up to its length");
        }
    }
}
