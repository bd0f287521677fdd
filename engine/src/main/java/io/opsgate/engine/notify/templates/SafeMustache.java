package io.opsgate.engine.notify.templates;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.ReflectionObjectHandler;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.AccessibleObject;
import java.util.Map;

/**
 * A mustache.java factory fit for templates a tenant writes: values come only from map keys and lists
 * (no reflection on Java objects, so {@code {{labels.class}}} is empty), partials are refused (they
 * would read files), and each value is escaped for the place it goes.
 */
final class SafeMustache extends DefaultMustacheFactory {
    private final Escaper escaper;

    SafeMustache(Escaper escaper) {
        this.escaper = escaper;
        setObjectHandler(new MapsOnly());
    }

    /** Compiles a template, naming it in errors. */
    Mustache compileText(String template, String name) {
        return compile(new StringReader(template), name);
    }

    @Override
    public Reader getReader(String resourceName) {
        throw new MustacheException("partials are not allowed ({{> " + resourceName + "}})");
    }

    @Override
    public Mustache compilePartial(String name) {
        throw new MustacheException("partials are not allowed ({{> " + name + "}})");
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            escaper.write(value, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves names in maps only; every Java member is invisible. */
    private static final class MapsOnly extends ReflectionObjectHandler {
        @Override
        protected AccessibleObject findMember(Class sClass, String name) {
            return null;
        }

        @Override
        protected boolean areMethodsAccessible(Map<?, ?> map) {
            return false;
        }
    }
}
