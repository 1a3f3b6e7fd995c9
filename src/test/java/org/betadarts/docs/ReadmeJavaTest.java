package org.betadarts.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java examples compile against the library as it is (one method, in their order). */
class ReadmeJavaTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import ai.djl.Device;
            import java.io.File;
            import java.nio.file.Path;
            import java.util.Map;
            import javax.imageio.ImageIO;
            import org.betadarts.data.Dataset;
            import org.betadarts.data.Datasets;
            import org.betadarts.io.Checkpoints;
            import org.betadarts.search.RunDirectory;
            import org.betadarts.search.RunOptions;
            import org.betadarts.search.Search;
            import org.betadarts.search.SearchConfig;
            import org.betadarts.search.SearchListener;
            import org.betadarts.space.Genotype;
            import org.betadarts.space.SearchSpace;
            import org.betadarts.space.Spaces;
            import org.betadarts.search.RunListener;
            import org.betadarts.train.FoundCell;
            import org.betadarts.train.Prediction;
            import org.betadarts.train.TrainConfig;
            import org.betadarts.train.TrainResult;
            import org.betadarts.train.TrainedModel;
            import org.betadarts.train.Trainer;
            """;

    @TempDir
    Path out;

    @Test
    void examplesCompile() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 4, "the README's Java examples: " + blocks.size());
        String source = IMPORTS + "class ReadmeExamples {\n    static void run() throws Exception {\n"
                + String.join("\n", blocks) + "    }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExamples.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = compiler.getTask(errors, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, List.of(file)).call();
        assertEquals("", errors.toString().strip(), source);
        assertTrue(ok);
    }
}
