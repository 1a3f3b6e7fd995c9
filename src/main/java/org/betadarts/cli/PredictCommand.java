package org.betadarts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.betadarts.data.ImageDecoder;
import org.betadarts.data.ImageFiles;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.train.Prediction;
import org.betadarts.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code betadarts predict}: classifies image files with a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies PNG or JPEG images with a model saved by 'betadarts train': each image is "
                + "scaled and centre-cropped to the trained size, converted to the trained channels and normalized "
                + "as in training.", "Prints one line per image: the most probable classes with their probabilities."})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "a model directory, or the run directory of 'betadarts train'")
    Path model;

    @Option(names = "--top", description = "how many classes to print per image (default ${DEFAULT-VALUE})")
    int top = 3;

    @Option(names = "--device", description = "cpu (default), gpu or gpu:N")
    String device = "cpu";

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files, or folders: the PNG and "
            + "JPEG files anywhere below them, in path order")
    List<Path> images;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new UserError("--top must be at least 1");
        }
        List<Path> files = new ArrayList<>();
        for (Path image : images) {
            if (Files.isDirectory(image)) {
                List<Path> below = ImageFiles.below(image);
                if (below.isEmpty()) {
                    throw new UserError(image + ": no PNG or JPEG files in this folder");
                }
                files.addAll(below);
            } else if (Files.isRegularFile(image)) {
                files.add(image);
            } else {
                throw new UserError(image + ": no such file");
            }
        }
        try (TrainedModel m = TrainedModel.load(model, Devices.parse(device))) {
            for (Path image : files) {
                List<Prediction> ranked = m.predict(ImageDecoder.read(image, m.description().height()));
                StringBuilder line = new StringBuilder(image.toString()).append(':');
                for (Prediction p : ranked.subList(0, Math.min(top, ranked.size()))) {
                    line.append(String.format(Locale.ROOT, "  %s %.2f%%", p.name(), 100 * p.probability()));
                }
                System.out.println(line);
            }
        }
        System.out.flush();
        return 0;
    }
}
