package org.betadarts.data;

/**
 * The only Python names a pickle may refer to: what numpy needs to rebuild a plain array, and the codec call
 * Python 3 uses to store bytes under protocol 2. Calling one builds a {@link NumpyArray}, a
 * {@link NumpyArray.Dtype} or bytes, after checking its arguments; nothing else can be called.
 */
enum PickleGlobal {
    RECONSTRUCT, FROM_BUFFER, NDARRAY, DTYPE, ENCODE;

    /** The allowed global of that module and name, or null. */
    static PickleGlobal of(String module, String name) {
        return switch (module + "." + name) {
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> RECONSTRUCT;
            case "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer" -> FROM_BUFFER;
            case "numpy.ndarray" -> NDARRAY;
            case "numpy.dtype" -> DTYPE;
            case "_codecs.encode" -> ENCODE;
            default -> null;
        };
    }

    Object call(Object[] args) {
        switch (this) {
            case RECONSTRUCT -> {
                if (args.length != 3 || args[0] != NDARRAY || !(args[1] instanceof Object[])
                        || !(args[2] instanceof byte[] || args[2] instanceof String)) {
                    throw new IllegalArgumentException("_reconstruct is called with other arguments than "
                            + "(numpy.ndarray, shape, typecode)");
                }
                return new NumpyArray();
            }
            case FROM_BUFFER -> {
                return NumpyArray.fromBuffer(args);
            }
            case DTYPE -> {
                if (args.length < 1 || args.length > 3 || !(args[0] instanceof String descr)) {
                    throw new IllegalArgumentException("numpy.dtype is called without a type string");
                }
                return new NumpyArray.Dtype(descr);
            }
            case ENCODE -> {
                if (args.length != 2 || !("latin1".equals(args[1]) || "latin-1".equals(args[1]))) {
                    throw new IllegalArgumentException("_codecs.encode is called with another codec than latin1");
                }
                if (args[0] instanceof String text) {
                    return PickleValues.latin1(text);
                }
                if (args[0] instanceof FileBytes bytes && bytes.utf8()) {
                    return bytes;
                }
                throw new IllegalArgumentException("_codecs.encode is called on " + PickleValues.typeName(args[0]));
            }
            default -> throw new IllegalArgumentException("numpy.ndarray is called directly");
        }
    }

    @Override
    public String toString() {
        return switch (this) {
            case RECONSTRUCT -> "numpy.core.multiarray._reconstruct";
            case FROM_BUFFER -> "numpy.core.numeric._frombuffer";
            case NDARRAY -> "numpy.ndarray";
            case DTYPE -> "numpy.dtype";
            case ENCODE -> "_codecs.encode";
        };
    }
}
