package org.betadarts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.betadarts.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code betadarts report DIR}: the HTML report of a run or an experiment. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes an HTML report (charts of alpha, collapse indicators, losses; the found cells) of a "
                + "run directory or an experiment directory, from their files alone. The page is self-contained "
                + "and opens offline; every chart is also a PNG file under charts/."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|EXPERIMENT_DIR")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "folder of the report (default: INPUT/report)")
    Path out;

    @Override
    public Integer call() {
        Path page = Report.write(input, out != null ? out : input.resolve(Report.DEFAULT_DIR));
        System.out.println("report: " + page);
        return 0;
    }
}
