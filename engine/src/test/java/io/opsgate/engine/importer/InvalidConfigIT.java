package io.opsgate.engine.importer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Files Alertmanager refuses (each fixture says where and why in its first line) are refused by the
 * import with that line, column and reason; {@code amtool check-config} proves Alertmanager refuses them,
 * and where amtool names a line, it is the same line.
 */
class InvalidConfigIT {
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d+):(\\d+) (.+)$");
    private static final Pattern AMTOOL_LINE = Pattern.compile("line (\\d+): field ");

    static List<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidConfigIT.class.getClassLoader().getResource("alertmanager/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aFileAlertmanagerRefusesIsRefusedWithItsLineColumnAndReason(Path file) throws Exception {
        String text = Files.readString(file);
        Matcher expect = EXPECT.matcher(text.lines().findFirst().orElseThrow());
        assertThat(expect.matches()).as("first line of %s names the expected problem", file).isTrue();

        ImportFailure failure = catchThrowableOfType(ImportFailure.class, () -> AlertmanagerImport.fromAlertmanagerYaml(
                text, file.getParent(), file.getFileName().toString(), ImportOptions.forTenant("acme")));

        assertThat(failure).as("%s is refused", file.getFileName()).isNotNull();
        ImportProblem first = failure.problems().get(0);
        assertThat(first.line()).as("line").isEqualTo(Integer.parseInt(expect.group(1)));
        assertThat(first.column()).as("column").isEqualTo(Integer.parseInt(expect.group(2)));
        assertThat(first.message()).contains(expect.group(3));

        Amtool.Result amtool = Amtool.checkConfig(file);
        assertThat(amtool.exit()).as("amtool check-config %s: %s", file.getFileName(), amtool).isNotZero();
        Matcher line = AMTOOL_LINE.matcher(amtool.out() + amtool.err());
        if (line.find()) {
            assertThat(failure.problems()).extracting(ImportProblem::line).as("amtool: %s", amtool.out())
                    .contains(Integer.parseInt(line.group(1)));
        }
    }
}
