package io.opsgate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** helm lint --strict passes with each way of getting the webhook's certificate. */
class ChartLintTest {

    @TempDir
    Path copy;

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void lintsCleanly(Chart.Values values) throws Exception {
        Path chart = values.sets.isEmpty() ? Chart.dir() : Chart.copyWithValues(values.sets, copy.resolve("opsgate"));
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }
}
