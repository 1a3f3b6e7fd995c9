package org.betadarts.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.cuda.CudaUtils;
import org.betadarts.io.UserError;

/**
 * The one way in to devices: the names a user gives ({@code cpu}, {@code gpu}, {@code gpu:N}) and
 * the base manager of a run, which carries its device. Every tensor of a search, a training or a
 * loaded model is made by that manager (or one below it), so the device named here reaches every
 * allocation; a test keeps other code from creating base managers or devices of its own.
 */
public final class Devices {
    /** The default device. */
    public static final String CPU = "cpu";

    private static final String GPU = "gpu";

    static {
        // every way to the engine passes here first: the native settings go in before libtorch loads
        NativeSettings.apply();
    }

    private Devices() {}

    /**
     * The device a name selects, checked against what the engine sees.
     *
     * @throws UserError for a name other than cpu, gpu and gpu:N, a GPU the engine does not see, or an
     *     engine that cannot load libtorch
     */
    public static Device parse(String name) {
        Device device = syntax(name);
        engine();
        if (device.isGpu()) {
            int count = gpuCount();
            if (count == 0) {
                throw new UserError("--device " + name + ": the PyTorch engine sees no GPU (" + noGpuReason() + ")");
            }
            if (device.getDeviceId() >= count) {
                throw new UserError("--device " + name + ": the PyTorch engine sees " + count + " GPU(s), gpu:0 to gpu:"
                        + (count - 1));
            }
        }
        return device;
    }

    /**
     * The device of a well-formed name, without asking the engine.
     *
     * @throws UserError for a name other than cpu, gpu and gpu:N
     */
    static Device syntax(String name) {
        if (CPU.equals(name)) {
            return Device.cpu();
        }
        if (GPU.equals(name)) {
            return Device.gpu(0);
        }
        if (name != null && name.startsWith(GPU + ":") && name.substring(4).matches("[0-9]{1,3}")) {
            return Device.gpu(Integer.parseInt(name.substring(4)));
        }
        throw new UserError("unknown device '" + name + "': expected cpu, gpu or gpu:N");
    }

    /** The name that {@link #parse} reads back: cpu, or gpu:N. */
    public static String name(Device device) {
        return device.isGpu() ? GPU + ":" + device.getDeviceId() : CPU;
    }

    /** The GPUs the engine sees (0 with the CPU build of libtorch). */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /**
     * The PyTorch engine, loaded.
     *
     * @throws UserError when it cannot load libtorch (say, a build without the CPU natives and no network)
     */
    public static Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserError("the PyTorch engine cannot load libtorch (" + e.getMessage()
                    + (root != e ? ": " + root : "") + "); a build without the CPU natives (BETADARTS_NATIVES=cuda, "
                    + "-Pcuda) downloads libtorch on first use and needs the network once, or PYTORCH_LIBRARY_PATH, "
                    + "PYTORCH_VERSION and PYTORCH_FLAVOR naming a local libtorch (README: Running on a GPU)", e);
        }
    }

    /** The base manager of a run on {@code device}: every tensor of the run is made by it or below it. */
    public static NDManager manager(Device device) {
        return NDManager.newBaseManager(device);
    }

    /**
     * Waits until the device has done the work queued on it so far (a GPU runs operators
     * asynchronously; reading a value back waits for them). Nothing to wait for on the CPU.
     */
    public static void synchronize(NDManager manager) {
        if (manager.getDevice().isGpu()) {
            try (NDArray one = HostValues.tensor(manager, new float[] {0f}, new Shape(1))) {
                one.toFloatArray();
            }
        }
    }

    /**
     * The GPU memory in use on {@code device} (the whole device, as the driver counts it: the engine's
     * cached allocations and the context), -1 on the CPU.
     */
    public static long gpuMemoryInUse(Device device) {
        return device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() : -1;
    }

    /** The CPU device. */
    public static Device cpu() {
        return Device.cpu();
    }

    /** Why the engine sees no GPU, and what to do about it. */
    private static String noGpuReason() {
        Engine engine = engine();
        if (!engine.hasCapability("CUDA")) {
            return "its libtorch " + engine.getVersion() + " is a CPU build; on a machine with an NVIDIA GPU run with "
                    + "BETADARTS_NATIVES=cuda (Maven: -Pcuda), or point PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and "
                    + "PYTORCH_FLAVOR at a CUDA libtorch; README: Running on a GPU";
        }
        return "its libtorch " + engine.getVersion() + " has CUDA, but no GPU answers: check nvidia-smi and that the "
                + "CUDA runtime libcudart is found (LD_LIBRARY_PATH or -Djna.library.path); README: Running on a GPU";
    }
}
