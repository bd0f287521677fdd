package io.opsgate.engine.notify.templates;

import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders mustache templates (logic-less, safe for tenant-supplied text) with a compile cache. A
 * template that does not compile renders as an error the caller reports; the webhook and the operator
 * refuse such templates before they get here.
 */
public final class Templates {
    private static final int CACHE_LIMIT = 2000;
    private final Map<Escaper, SafeMustache> factories = new java.util.EnumMap<>(Escaper.class);
    private final Map<String, Mustache> cache = new ConcurrentHashMap<>();

    public Templates() {
        for (Escaper e : Escaper.values()) {
            factories.put(e, new SafeMustache(e));
        }
    }

    /**
     * Renders {@code template} over {@code scope}, escaping values with {@code escaper}.
     *
     * @throws IllegalArgumentException when the template does not compile or render
     */
    public String render(String template, Escaper escaper, Map<String, Object> scope) {
        String key = escaper.name() + '\u0000' + template;
        Mustache m = cache.get(key);
        if (m == null) {
            try {
                m = factories.get(escaper).compileText(template, "template");
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("template does not compile: " + e.getMessage(), e);
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, m);
        }
        StringWriter out = new StringWriter(256);
        try {
            m.execute(out, scope);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("template does not render: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
