{{/*
Names are fixed, not derived from the release: the CRDs and ClusterRoles are cluster-wide, so one
opsgate runs per cluster, and the operator, the engine and the webhook find each other by these names
(docs/architecture.md, "Contracts between the components").
*/}}

{{- define "opsgate.webhookService" -}}opsgate-webhook{{- end }}

{{- define "opsgate.webhookTlsSecret" -}}
{{- if and (not .Values.certManager.enabled) .Values.webhook.tls.existingSecret -}}
{{- .Values.webhook.tls.existingSecret -}}
{{- else -}}
opsgate-webhook-tls
{{- end -}}
{{- end }}

{{/* The DNS names the webhook's certificate must carry, one per line. */}}
{{- define "opsgate.webhookDnsNames" -}}
{{- $svc := include "opsgate.webhookService" . -}}
- {{ $svc }}
- {{ printf "%s.%s" $svc .Release.Namespace }}
- {{ printf "%s.%s.svc" $svc .Release.Namespace }}
- {{ printf "%s.%s.svc.cluster.local" $svc .Release.Namespace }}
{{- end }}

{{/* The opsgate resources, by plural: every one is checked and defaulted by the webhook. */}}
{{- define "opsgate.resources" -}}
- tenants
- alertrules
- monitors
- notificationchannels
- opsjobs
- opsjobruns
- alertsources
- oncallschedules
- contactgroups
- operationssuspensions
{{- end }}

{{/* The ClusterRoles the operator binds tenants' subjects to, in each tenant namespace. */}}
{{- define "opsgate.labels" -}}
app.kubernetes.io/name: opsgate
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{/* Selector labels of one component: (dict "root" $ "component" "operator") */}}
{{- define "opsgate.selectorLabels" -}}
app.kubernetes.io/name: opsgate
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "opsgate.componentLabels" -}}
{{ include "opsgate.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Argo CD applies lower waves first and waits for them to be healthy. The CRDs (crds/, no annotation)
are wave 0 and Argo CD applies CustomResourceDefinitions before other kinds of the same wave; the
workloads and their RBAC are wave 1; the webhook configurations wave 2, once the webhook answers.
*/}}
{{- define "opsgate.syncWave" -}}
argocd.argoproj.io/sync-wave: {{ . | quote }}
{{- end }}

{{/* An image reference: (dict "root" $ "image" .Values.operator.image) */}}
{{- define "opsgate.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{ printf "%s/%s:%s" .root.Values.image.registry .image.repository $tag }}
{{- else -}}
{{ printf "%s:%s" .image.repository $tag }}
{{- end -}}
{{- end }}

{{/* Pod security of every opsgate pod: not configurable, so it cannot be weakened by values. */}}
{{- define "opsgate.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "opsgate.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Spread replicas over nodes unless the values say otherwise: (dict "root" $ "component" "webhook" "affinity" .Values.webhook.affinity) */}}
{{- define "opsgate.affinity" -}}
{{- if .affinity -}}
{{ toYaml .affinity }}
{{- else -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "opsgate.selectorLabels" (dict "root" .root "component" .component) | nindent 12 }}
{{- end -}}
{{- end }}
