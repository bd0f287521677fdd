package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.opsgate.api.common.Quantities;
import io.opsgate.api.common.SecretReference;

/** Where a tenant's alerts and tickets are stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'PostgreSQL' || has(self.postgres)",
        message = "postgres is required when type is PostgreSQL")
public class StorageSpec {

    @Default("Embedded")
    @ValidationRule(value = "self == oldSelf", message = "storage type is immutable")
    @JsonPropertyDescription("Embedded (a crash-safe file store on a PersistentVolume, one replica) or PostgreSQL "
            + "(for several ingest replicas). Immutable.")
    public StorageType type;

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("Size of the PersistentVolumeClaim of the embedded store. Default 5Gi.")
    public String size;

    @JsonPropertyDescription("StorageClass of the PersistentVolumeClaim; the cluster default when empty.")
    public String storageClassName;

    @JsonPropertyDescription("Connection to PostgreSQL: a Secret with the key url (a JDBC URL), username and password.")
    public SecretReference postgres;

    /** Storage engines. */
    public enum StorageType {
        Embedded,
        PostgreSQL
    }
}
