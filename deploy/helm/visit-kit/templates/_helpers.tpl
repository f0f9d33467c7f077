{{/* Names and labels shared by every object of the chart. */}}
{{- define "visit-kit.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "visit-kit.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: backend
{{- end -}}

{{- define "visit-kit.labels" -}}
{{ include "visit-kit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "visit-kit.secretName" -}}
{{- if .Values.secret.create -}}
{{- include "visit-kit.fullname" . -}}
{{- else -}}
{{- required "secret.existingSecret (or secret.create=true with secret.values) is required" .Values.secret.existingSecret -}}
{{- end -}}
{{- end -}}
