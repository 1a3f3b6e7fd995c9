package org.betadarts.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.betadarts.io.UserError;

/**
 * Reads a Python pickle file as untrusted input. Only numbers, strings, bytes, lists, tuples, dicts and plain
 * numpy arrays are built: a pickle naming any other Python global (such as {@code os.system}), calling
 * anything but the numpy array reconstruction, or using an opcode that builds other objects (sets, instances,
 * persistent ids, extensions, out-of-band buffers) is refused. Every length the pickle declares is checked
 * against what is left of the file before anything is allocated, and strings or bytes of at least
 * {@code inlineLimit} bytes are not read but left in the file as {@link FileBytes}.
 */
final class SafeUnpickler extends Unpickler {
    /** Strings and bytes from this length on stay in the file. */
    static final long INLINE_LIMIT = 1 << 20;

    private static final int MAX_INTEGER_BYTES = 1 << 10;
    private static final String ALLOWED =
            "only numbers, strings, bytes, lists, tuples, dicts and numpy arrays are read";

    private final FileInput in;
    private final long inlineLimit;

    private SafeUnpickler(FileInput in, long inlineLimit) {
        this.in = in;
        this.inlineLimit = inlineLimit;
    }

    /** The object pickled in {@code file}, which must hold exactly one pickle. */
    static Object load(Path file, long inlineLimit) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("missing file " + file);
        }
        try (FileInput in = new FileInput(file)) {
            SafeUnpickler unpickler = new SafeUnpickler(in, inlineLimit);
            Object value = unpickler.load(in);
            if (in.read() != -1) {
                throw new UserError(file + ": bytes follow the end of the pickle at byte " + (in.position() - 1));
            }
            return value;
        } catch (UserError e) {
            throw e;
        } catch (EOFException e) {
            throw new UserError(file + " is truncated", e);
        } catch (IOException e) {
            String message = e.getMessage();
            if (message != null && (message.contains("premature end") || message.contains("expected more bytes"))) {
                throw new UserError(file + " is truncated", e);
            }
            throw new UserError("cannot read " + file + ": " + message, e);
        } catch (RuntimeException e) {
            throw new UserError(file + ": not a valid pickle: " + describe(e), e);
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof IllegalArgumentException || e instanceof net.razorvine.pickle.PickleException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.MARK, Opcodes.STOP, Opcodes.POP, Opcodes.POP_MARK, Opcodes.DUP, Opcodes.FLOAT,
                    Opcodes.INT, Opcodes.BININT, Opcodes.BININT1, Opcodes.LONG, Opcodes.BININT2, Opcodes.NONE,
                    Opcodes.STRING, Opcodes.SHORT_BINSTRING, Opcodes.UNICODE, Opcodes.APPEND, Opcodes.DICT,
                    Opcodes.EMPTY_DICT, Opcodes.APPENDS, Opcodes.GET, Opcodes.BINGET, Opcodes.LONG_BINGET,
                    Opcodes.LIST, Opcodes.EMPTY_LIST, Opcodes.PUT, Opcodes.BINPUT, Opcodes.LONG_BINPUT,
                    Opcodes.SETITEM, Opcodes.TUPLE, Opcodes.EMPTY_TUPLE, Opcodes.SETITEMS, Opcodes.BINFLOAT,
                    Opcodes.PROTO, Opcodes.TUPLE1, Opcodes.TUPLE2, Opcodes.TUPLE3, Opcodes.NEWTRUE,
                    Opcodes.NEWFALSE, Opcodes.LONG1, Opcodes.SHORT_BINBYTES, Opcodes.SHORT_BINUNICODE,
                    Opcodes.MEMOIZE -> {
                return super.dispatch(key);
            }
            case Opcodes.BINSTRING -> {
                long length = PickleUtils.bytes_to_integer(readExactly(4));
                payload(length, Text.LATIN1);
            }
            case Opcodes.BINBYTES -> payload(PickleUtils.bytes_to_uint(readExactly(4), 0), Text.NONE);
            case Opcodes.BINUNICODE -> payload(PickleUtils.bytes_to_uint(readExactly(4), 0), Text.UTF8);
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 ->
                    payload(PickleUtils.bytes_to_long(readExactly(8), 0), Text.NONE);
            case Opcodes.BINUNICODE8 -> payload(PickleUtils.bytes_to_long(readExactly(8), 0), Text.UTF8);
            case Opcodes.LONG4 -> {
                long length = PickleUtils.bytes_to_integer(readExactly(4));
                checkLength(length);
                if (length > MAX_INTEGER_BYTES) {
                    throw new IllegalArgumentException("integer of " + length + " bytes at byte " + in.position());
                }
                stack.add(PickleUtils.decode_long(readExactly((int) length)));
            }
            case Opcodes.FRAME -> checkLength(PickleUtils.bytes_to_long(readExactly(8), 0));
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(in);
                String name = PickleUtils.readline(in);
                stack.add(global(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new IllegalArgumentException("STACK_GLOBAL without module and name strings");
                }
                stack.add(global(m, n));
            }
            case Opcodes.REDUCE -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(callable instanceof PickleGlobal function)) {
                    throw new IllegalArgumentException("pickle calls a " + PickleValues.typeName(callable)
                            + "; " + ALLOWED);
                }
                if (!(args instanceof Object[] tuple)) {
                    throw new IllegalArgumentException("arguments of " + function + " are not a tuple");
                }
                stack.add(function.call(tuple));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (target instanceof NumpyArray array) {
                    array.setState(state);
                } else if (target instanceof NumpyArray.Dtype dtype) {
                    dtype.setState(state);
                } else {
                    throw new IllegalArgumentException("pickle sets the state of a "
                            + PickleValues.typeName(target) + "; " + ALLOWED);
                }
            }
            default -> throw new IllegalArgumentException(String.format(
                    "opcode 0x%02x at byte %d builds other objects; %s", key, in.position() - 1, ALLOWED));
        }
        return NO_RETURN_VALUE;
    }

    private static PickleGlobal global(String module, String name) {
        PickleGlobal global = PickleGlobal.of(module, name);
        if (global == null) {
            throw new IllegalArgumentException("refusing " + module + "." + name + ": " + ALLOWED);
        }
        return global;
    }

    /** How a string or bytes payload is turned into a value. */
    private enum Text { NONE, LATIN1, UTF8 }

    private void payload(long length, Text text) throws IOException {
        checkLength(length);
        if (length >= inlineLimit || length > Integer.MAX_VALUE - 8) {
            long offset = in.position();
            in.skipNBytes(length);
            stack.add(new FileBytes(offset, length, text == Text.UTF8));
            return;
        }
        byte[] bytes = readExactly((int) length);
        stack.add(switch (text) {
            case NONE -> bytes;
            case LATIN1 -> new String(bytes, StandardCharsets.ISO_8859_1);
            case UTF8 -> new String(bytes, StandardCharsets.UTF_8);
        });
    }

    private void checkLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("pickle declares a negative length at byte " + in.position());
        }
        if (length > in.remaining()) {
            throw new IllegalArgumentException("pickle declares " + length
                    + " bytes at byte " + in.position() + " but only " + in.remaining() + " remain");
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException();
        }
        return bytes;
    }
}
