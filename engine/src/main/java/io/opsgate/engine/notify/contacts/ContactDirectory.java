package io.opsgate.engine.notify.contacts;

import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.channels.MissingCredential;

/**
 * Finds a person's contact card in the tenant's contacts: the credential vault entry or the Secret
 * named {@link OpsgateApi#CONTACTS_SECRET}, one key per person, read through {@link Credentials} like
 * every other credential (mounted files, re-read when the Secret changes; the vault first).
 */
public final class ContactDirectory {

    /** What looking a person up found. */
    public sealed interface Lookup {
        /** The person's card. */
        record Found(ContactCard card) implements Lookup {
        }

        /** No entry for the person. */
        record Missing(String person) implements Lookup {
        }

        /** An entry that cannot be used; the reason names the field, never a value. */
        record Invalid(String person, String reason) implements Lookup {
        }
    }

    private final Credentials credentials;
    private final String namespace;

    public ContactDirectory(Credentials credentials, String namespace) {
        this.credentials = credentials;
        this.namespace = namespace;
    }

    /** The card of {@code person} as the Secret says now. */
    public Lookup find(String person) {
        String yaml;
        try {
            yaml = credentials.read(namespace, OpsgateApi.CONTACTS_SECRET, person);
        } catch (MissingCredential e) {
            return new Lookup.Missing(person);
        }
        try {
            return new Lookup.Found(ContactCardReader.read(person, yaml));
        } catch (InvalidContact e) {
            return new Lookup.Invalid(person, e.getMessage());
        }
    }
}
