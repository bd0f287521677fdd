package io.opsgate.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An object left out of the compiled configuration, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExcludedObject {
    public String kind;
    public String name;
    public String reason;
    public String message;

    public ExcludedObject() {
    }

    public ExcludedObject(String kind, String name, String reason, String message) {
        this.kind = kind;
        this.name = name;
        this.reason = reason;
        this.message = message;
    }
}
