package io.opsgate.engine.identity;

import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people a ticket can be assigned to: the User subjects the Tenant names as owners and operators, and everyone
 * who signed in to the tenant's console (remembered durably with their groups in one record,
 * {@value #KEY}, so a restart forgets nobody), each shown with the roles the Tenant in force gives them. Someone
 * who signed in and has no role any more is left out. At most {@value #KEPT} sign-ins are remembered (the least
 * recent go first).
 */
public final class People {
    static final String KEY = Keys.PEOPLE + "directory";
    static final int KEPT = 500;

    /** One person who signed in: the name, the groups they had then, and when. */
    static final class SignedIn {
        public String name;
        public List<String> groups = new ArrayList<>();
        public long lastSignIn;
    }

    /** The stored record. */
    static final class Directory {
        public List<SignedIn> people = new ArrayList<>();
    }

    /**
     * A person the console offers as an assignee.
     *
     * @param name       the user name
     * @param roles      owner, operator, viewer (what the Tenant gives them now)
     * @param lastSignIn epoch ms of their last sign-in here, or 0 when they have not signed in
     */
    public record Listed(String name, List<String> roles, long lastSignIn) {
    }

    /** What was read of one tenant's store; a tenant started again (after a purge, say) has another store. */
    private record Cached(TenantStore store, Map<String, SignedIn> people) {
    }

    private final Map<String, Cached> byTenant = new ConcurrentHashMap<>();

    /** Remembers a sign-in; the record is written asynchronously (a failed write only forgets this sign-in). */
    public void signedIn(TenantRuntime tenant, Person person, long now) {
        Map<String, SignedIn> known = load(tenant);
        Directory d = new Directory();
        synchronized (known) {
            SignedIn s = new SignedIn();
            s.name = person.name();
            s.groups = new ArrayList<>(person.groups());
            s.lastSignIn = now;
            known.put(s.name, s);
            if (known.size() > KEPT) {
                known.values().stream().min(Comparator.comparingLong((SignedIn p) -> p.lastSignIn))
                        .ifPresent(oldest -> known.remove(oldest.name));
            }
            d.people = new ArrayList<>(known.values());
        }
        WriteSet writes = new WriteSet();
        writes.put(KEY, RecordCodec.encode(d));
        tenant.store().commit(writes);
    }

    /** The tenant's people, by name: the Tenant's owner and operator Users, then whoever signed in and has a role. */
    public List<Listed> list(TenantRuntime tenant) {
        TenantSpec spec = tenant.config().compiled.tenantSpec;
        Map<String, Listed> result = new TreeMap<>();
        Map<String, SignedIn> known = load(tenant);
        List<SignedIn> signedIn;
        synchronized (known) {
            signedIn = new ArrayList<>(known.values());
        }
        for (List<Subject> subjects : spec == null ? List.<List<Subject>>of() : List.of(
                spec.owners == null ? List.<Subject>of() : spec.owners,
                spec.operators == null ? List.<Subject>of() : spec.operators)) {
            for (Subject s : subjects) {
                if (s != null && s.kind == Subject.SubjectKind.User && s.name != null) {
                    result.put(s.name, new Listed(s.name, labels(Roles.of(spec, new Person(s.name, List.of(), null))), 0));
                }
            }
        }
        for (SignedIn s : signedIn) {
            List<String> roles = labels(Roles.of(spec, new Person(s.name, s.groups, null)));
            Listed named = result.get(s.name);
            if (named != null) {
                result.put(s.name, new Listed(s.name, union(named.roles(), roles), s.lastSignIn));
            } else if (!roles.isEmpty()) {
                result.put(s.name, new Listed(s.name, roles, s.lastSignIn));
            }
        }
        return new ArrayList<>(result.values());
    }

    private Map<String, SignedIn> load(TenantRuntime tenant) {
        TenantStore store = tenant.store();
        return byTenant.compute(tenant.name(), (name, cached) -> {
            if (cached != null && cached.store() == store) {
                return cached;
            }
            Map<String, SignedIn> known = new TreeMap<>();
            byte[] stored = store.get(KEY);
            if (stored != null) {
                for (SignedIn s : RecordCodec.decode(stored, Directory.class).people) {
                    known.put(s.name, s);
                }
            }
            return new Cached(store, known);
        }).people();
    }

    private static List<String> labels(List<Roles.Role> roles) {
        return roles.stream().map(Roles.Role::label).toList();
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(r -> !all.contains(r)).forEach(all::add);
        all.sort(Comparator.comparingInt(r -> Roles.Role.valueOf(r.toUpperCase(java.util.Locale.ROOT)).ordinal()));
        return all;
    }
}
