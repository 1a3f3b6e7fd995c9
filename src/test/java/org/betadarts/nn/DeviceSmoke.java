package org.betadarts.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Random;

/**
 * The first check of an engine on a device ({@code scripts/device-check.sh}): prints what the
 * engine loaded and sees, then runs a 3x3 convolution forward and backward on the device and on the
 * CPU from the same numbers and prints the loss, the gradient sums and the largest difference.
 * Exits with 1 when the device's numbers are more than {@code 1e-2} (relative) from the CPU's, the
 * tolerance of TF32 convolutions.
 *
 * <p>Usage: {@code DeviceSmoke [cpu|gpu|gpu:N]} (default gpu).
 */
public final class DeviceSmoke {
    private DeviceSmoke() {}

    public static void main(String[] args) {
        Device device = Devices.parse(args.length > 0 ? args[0] : "gpu");
        Engine engine = Devices.engine();
        System.out.printf("engine %s %s, CUDA %s, GPUs %d, device %s%n", engine.getEngineName(), engine.getVersion(),
                engine.hasCapability("CUDA"), Devices.gpuCount(), Devices.name(device));
        float[] onDevice = convForwardBackward(device);
        float[] onCpu = convForwardBackward(Devices.cpu());
        double worst = 0;
        String[] names = {"loss", "sum dL/dw", "sum dL/db", "sum dL/dx"};
        for (int i = 0; i < names.length; i++) {
            double rel = Math.abs(onDevice[i] - onCpu[i]) / Math.max(1e-6, Math.abs(onCpu[i]));
            worst = Math.max(worst, rel);
            System.out.printf("%-10s %s %.7g   cpu %.7g   relative difference %.2e%n", names[i], Devices.name(device),
                    onDevice[i], onCpu[i], rel);
        }
        if (device.isGpu()) {
            System.out.printf("GPU memory in use %.0f MB%n", Devices.gpuMemoryInUse(device) / 1048576.0);
        }
        System.out.printf("%s, largest relative difference %.2e%n", worst <= 1e-2 ? "OK" : "MISMATCH", worst);
        System.exit(worst <= 1e-2 ? 0 : 1);
    }

    /** loss = mean(conv(x, w, b)²) of fixed pseudo-random numbers; returns loss and the sums of its gradients. */
    private static float[] convForwardBackward(Device device) {
        Random r = new Random(1);
        float[] x = new float[8 * 16 * 32 * 32];
        float[] w = new float[32 * 16 * 3 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.1 * r.nextGaussian());
        }
        try (NDManager m = Devices.manager(device)) {
            NDArray xs = m.create(x, new Shape(8, 16, 32, 32));
            NDArray ws = m.create(w, new Shape(32, 16, 3, 3));
            NDArray bs = m.ones(new Shape(32)).mul(0.5f);
            for (NDArray t : new NDArray[] {xs, ws, bs}) {
                t.setRequiresGradient(true);
            }
            try (GradientCollector gc = Devices.engine().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(xs, ws, bs, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).head();
                NDArray loss = y.square().mean();
                gc.backward(loss);
                return new float[] {loss.getFloat(), ws.getGradient().sum().getFloat(), bs.getGradient().sum().getFloat(),
                    xs.getGradient().sum().getFloat()};
            }
        }
    }
}
