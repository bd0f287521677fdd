package io.opsgate.api.v1alpha1;

/**
 * Whether an AlertRule acts on alerts or only shows, in its status, what it would have done
 * (docs/rules.md, "Shadow rules").
 */
public enum RuleMode {
    /** The rule acts: it drops, opens tickets, notifies, silences, inhibits. */
    Enforce,
    /** The rule is evaluated in its place but changes nothing; its status counts what it would have done. */
    Shadow
}
