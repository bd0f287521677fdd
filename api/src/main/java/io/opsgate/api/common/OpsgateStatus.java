package io.opsgate.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/**
 * What every opsgate status carries: the generation it describes and Kubernetes-convention
 * conditions ({@code Ready}, {@code Reconciling}, {@code Stalled}), readable by kstatus and Argo CD.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpsgateStatus {

    @JsonPropertyDescription("The metadata.generation this status describes. When it is lower than metadata.generation, "
            + "the latest change has not been processed yet.")
    public Long observedGeneration;

    @JsonPropertyDescription("Conditions by Kubernetes API conventions, keyed by type: Ready (the object is in effect), "
            + "Reconciling (work is in progress), Stalled (progress needs a change of the object).")
    public List<Condition> conditions = new ArrayList<>();
}
