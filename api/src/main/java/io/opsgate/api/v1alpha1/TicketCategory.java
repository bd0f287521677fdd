package io.opsgate.api.v1alpha1;

/**
 * The ITSM record type of a ticket, as ITIL names them: an incident (something is broken; what rules open), a
 * service request (a person asks the operations team for something), a problem (the cause behind incidents) or a
 * change. Lower case on the wire, as the API and the console filter spell them.
 */
public enum TicketCategory {
    incident, service_request, problem, change
}
