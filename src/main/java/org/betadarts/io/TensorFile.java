package org.betadarts.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A file of named float32 tensors plus JSON metadata: the state of a run in a checkpoint, or the
 * weights of a trained model (with metadata {@code {}}). All numbers are big-endian:
 *
 * <pre>
 * magic "BDTF" (4 bytes), format version (int32)
 * metadata length in bytes (int32), metadata (UTF-8 JSON object)
 * tensor count (int32), then for each tensor:
 *   name length in bytes (int32), name (UTF-8), rank (int32), rank dimensions (int64 each),
 *   the elements (float32 each, row-major)
 * CRC-32 of every byte above (int32)
 * </pre>
 *
 * Reading checks the magic, the version, the checksum and the exact length, so a truncated or
 * corrupted file is refused instead of read.
 */
public final class TensorFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "BDTF".getBytes(StandardCharsets.US_ASCII);

    private TensorFile() {}

    /** What a file holds; its noun ({@link #toString}) names the file in error messages. */
    public enum Kind {
        CHECKPOINT("checkpoint"),
        WEIGHTS("weights file");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        @Override
        public String toString() {
            return noun;
        }
    }

    /** A tensor held on the host: its dimensions and its elements in row-major order. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                        + " elements, not " + data.length);
            }
        }

        /** A vector. */
        public static Tensor of(float[] data) {
            return new Tensor(new long[] {data.length}, data);
        }

        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    /** What a file holds: metadata and tensors in file order. */
    public record Contents(JsonNode metadata, Map<String, Tensor> tensors) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    /** Writes the contents in the format above (the stream is not closed). */
    public static void write(OutputStream target, Contents contents) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(target, crc));
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] meta = metadataBytes(contents.metadata());
        out.writeInt(meta.length);
        out.write(meta);
        out.writeInt(contents.tensors().size());
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            long[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            float[] data = e.getValue().data();
            for (int i = 0; i < data.length; ) {
                chunk.clear();
                int n = Math.min(data.length - i, chunk.capacity() / Float.BYTES);
                chunk.asFloatBuffer().put(data, i, n);
                out.write(chunk.array(), 0, n * Float.BYTES);
                i += n;
            }
        }
        out.flush();
        new DataOutputStream(target).writeInt((int) crc.getValue());
        target.flush();
    }

    private static byte[] metadataBytes(JsonNode metadata) {
        try {
            return Json.MAPPER.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The file's bytes in the format above. */
    public static byte[] bytes(Contents contents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, contents);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads and checks a checkpoint; a missing, truncated, corrupted or foreign file is a {@link UserError}. */
    public static Contents read(Path file) {
        return read(file, Kind.CHECKPOINT);
    }

    /** Reads and checks a file of the given kind; its error messages call the file by that kind. */
    public static Contents read(Path file, Kind kind) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(kind + " " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError("cannot read " + kind + " " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString(), kind);
    }

    /** Parses the bytes of a checkpoint; {@code source} names it in error messages. */
    public static Contents parse(byte[] bytes, String source) {
        return parse(bytes, source, Kind.CHECKPOINT);
    }

    /** Parses the bytes of a file of the given kind; {@code source} names it in error messages. */
    public static Contents parse(byte[] bytes, String source, Kind kind) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new UserError(source + " is not a betadarts " + kind + " (bad magic number)");
        }
        if (bytes.length < MAGIC.length + 2 * Integer.BYTES) {
            throw new UserError(kind + " " + source + " is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new UserError(kind + " " + source + " has format version " + version
                    + "; this betadarts reads version " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        int stored = ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES, Integer.BYTES).getInt();
        if (stored != (int) crc.getValue()) {
            throw new UserError(kind + " " + source + " is damaged: checksum mismatch (truncated or corrupted)");
        }
        try {
            byte[] meta = new byte[in.getInt()];
            in.get(meta);
            JsonNode metadata = Json.MAPPER.readTree(meta);
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
            return new Contents(metadata, tensors);
        } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException | IOException e) {
            throw new UserError(kind + " " + source + " is malformed: its parts do not add up to its length");
        }
    }
}
