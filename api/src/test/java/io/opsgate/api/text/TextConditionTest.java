package io.opsgate.api.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextConditionTest {

    private static Map<TextField, String> mail(String subject, String body) {
        Map<TextField, String> m = new EnumMap<>(TextField.class);
        m.put(TextField.SUBJECT, subject);
        m.put(TextField.BODY, body);
        m.put(TextField.FROM, "jp1@batch.demo.example");
        return m;
    }

    @ParameterizedTest(name = "{0} on [{1}] / [{2}] -> {3}")
    @CsvSource(delimiter = ';', value = {
        // the example, and precedence: not > and > or
        "(WARN or ERROR) and testnode_001         ; [ERROR] testnode_001 down   ; ;                 true",
        "(WARN or ERROR) and testnode_001         ; [INFO] testnode_001 up      ; ;                 false",
        "(WARN or ERROR) and testnode_001         ; [ERROR] testnode_002 down   ; ;                 false",
        "WARN or ERROR and testnode_001           ; [WARN] testnode_002         ; ;                 true",
        "WARN or ERROR and testnode_001           ; [ERROR] testnode_002        ; ;                 false",
        "not WARN and ERROR                       ; ERROR only                  ; ;                 true",
        "not WARN and ERROR                       ; WARN and ERROR              ; ;                 false",
        "not (WARN or ERROR)                      ; all fine                    ; ;                 true",
        "NOT warn                                 ; a Warning                   ; ;                 false",
        // case: words and quotes ignore case, c\"...\" does not
        "error                                    ; ERROR                       ; ;                 true",
        "c\"ERROR\"                               ; error                       ; ;                 false",
        "c\"ERROR\"                               ; ERROR                       ; ;                 true",
        "\"disk full\"                            ; Disk Full on /var           ; ;                 true",
        // regex terms, anywhere; /i ignores case
        "/node_0[0-9]{2}/                         ; testnode_017 down           ; ;                 true",
        "/^testnode/                              ; the testnode                ; ;                 false",
        "/TIMEOUT/i                               ; request timeout             ; ;                 true",
        // fields
        "subject:ERROR                            ; ok                          ; ERROR in body;    false",
        "body:ERROR                               ; ok                          ; ERROR in body;    true",
        "from:batch.demo.example and subject:job ; job 42                       ; ;                 true",
        "ERROR                                    ; ok                          ; ERROR in body;    true",
        // Japanese terms
        "障害 and testnode_001                     ; 【障害】testnode_001 停止     ; ;                 true",
        "\"ジョブ異常終了\" or 警告                ; バッチ: ジョブ異常終了       ; ;                 true",
        "not 復旧                                 ; 【復旧】testnode_001         ; ;                 false",
        // keywords inside words are words
        "notify or andromeda                      ; andromeda                   ; ;                 true",
    })
    void matches(String expression, String subject, String body, boolean expected) {
        assertThat(TextCondition.parse(expression).matches(mail(subject, body == null ? "" : body))).isEqualTo(expected);
    }

    @Test
    void summaryAndDescriptionFieldsForNonMailAlerts() {
        Map<TextField, String> alert = new EnumMap<>(TextField.class);
        alert.put(TextField.SUMMARY, "Disk almost full");
        alert.put(TextField.DESCRIPTION, "host db-1");
        assertThat(TextCondition.parse("summary:disk and description:\"db-1\"").matches(alert)).isTrue();
        assertThat(TextCondition.parse("subject:disk").matches(alert)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(delimiter = ';', value = {
        "(WARN or ERROR and x     ; 1  ; ( is not closed",
        "WARN or                  ; 8  ; expected a term",
        "WARN and and ERROR       ; 10 ; expected a term before and",
        "WARN ERROR               ; 6  ; expected and, or",
        "WARN)                    ; 5  ; unmatched )",
        "\"open                   ; 1  ; quoted text is not closed",
        "/a(b/                    ; 1  ; invalid regex",
        "/abc                     ; 1  ; regex is not closed",
        "subject:                 ; 9  ; expected a term after subject:",
        "()                       ; 2  ; expected a term before )",
    })
    void syntaxErrorsGiveThePosition(String expression, int position, String message) {
        assertThatThrownBy(() -> TextCondition.parse(expression))
                .isInstanceOfSatisfying(TextConditionException.class, e -> assertThat(e.position()).isEqualTo(position))
                .hasMessageContaining("at position " + position + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(500) + "x" + ")".repeat(500);
        assertThatThrownBy(() -> TextCondition.parse(deep)).hasMessageContaining("nested too deeply");
    }
}
