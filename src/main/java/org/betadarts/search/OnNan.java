package org.betadarts.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.betadarts.io.UserError;

/** What a search does when a loss or gradient is NaN or infinite. */
public enum OnNan {
    /** Stop with a message naming the epoch and step; the last checkpoint stays as it was. */
    STOP("stop"),
    /** Skip that update: the parameters, optimizer states and batch-norm statistics stay as before it. */
    SKIP_BATCH("skip-batch");

    private final String text;

    OnNan(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static OnNan parse(String text) {
        return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst()
                .orElseThrow(() -> new UserError("unknown --on-nan '" + text + "': expected stop or skip-batch"));
    }
}
