package io.opsgate.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One object of the compiled configuration: its name, the generation that was compiled, and its spec.
 *
 * @param <S> the spec type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamedSpec<S> {
    public String name;
    public Long generation;
    public S spec;

    public NamedSpec() {
    }

    public NamedSpec(String name, Long generation, S spec) {
        this.name = name;
        this.generation = generation;
        this.spec = spec;
    }
}
