{{/* Chart name. */}}
{{- define "kiln.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release full name; the prefix of every object. */}}
{{- define "kiln.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Object name of one component. Call with (dict "root" $ "name" "api-gateway"). */}}
{{- define "kiln.componentName" -}}
{{- printf "%s-%s" (include "kiln.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "kiln.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "kiln.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: kiln
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component (dict "root" $ "name" <service>). */}}
{{- define "kiln.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kiln.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Full labels of one component. */}}
{{- define "kiln.componentLabels" -}}
{{ include "kiln.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Image reference (dict "root" $ "name" <service> "tag" <override or "">). */}}
{{- define "kiln.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := default (default .root.Chart.AppVersion $img.tag) .tag -}}
{{- printf "%s%s/%s:%s" (default "" $img.registry) $img.repositoryPrefix .name $tag -}}
{{- end -}}

{{- define "kiln.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kiln.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kiln.configMapName" -}}
{{- printf "%s-config" (include "kiln.fullname" .) -}}
{{- end -}}

{{- define "kiln.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "kiln.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
Environment each service reads, by ConfigMap key and Secret key. This is the
services' own contract, not an operator setting.
*/}}
{{- define "kiln.envContract" -}}
api-gateway:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_DB_URL, KILN_DB_USERNAME, KILN_REDIS_URL, KILN_ASSET_BASE_URL]
  secret: [KILN_DB_PASSWORD, KILN_ASSET_SIGNING_KEY, KILN_ADMIN_TOKEN]
billing-service:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_DB_URL, KILN_DB_USERNAME]
  secret: [KILN_DB_PASSWORD]
job-orchestrator:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_DB_URL, KILN_DB_USERNAME]
  secret: [KILN_DB_PASSWORD]
webhook-dispatcher:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_DB_URL, KILN_DB_USERNAME, KILN_ASSET_BASE_URL]
  secret: [KILN_DB_PASSWORD, KILN_ASSET_SIGNING_KEY]
asset-store:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_S3_ENDPOINT, KILN_S3_REGION, KILN_S3_BUCKET]
  secret: [KILN_S3_ACCESS_KEY, KILN_S3_SECRET_KEY, KILN_ASSET_SIGNING_KEY]
provider-workers:
  config: [KAFKA_BOOTSTRAP_SERVERS, KILN_S3_ENDPOINT, KILN_S3_REGION, KILN_S3_BUCKET]
  secret: [KILN_S3_ACCESS_KEY, KILN_S3_SECRET_KEY]
{{- end -}}

{{/*
Env entries for a container (dict "root" $ "name" <service> "javaOpts" <s> "env" <map> "extraEnv" <list>).
*/}}
{{- define "kiln.env" -}}
{{- $root := .root -}}
{{- $contract := index (include "kiln.envContract" $root | fromYaml) .name -}}
{{- $cm := include "kiln.configMapName" $root -}}
{{- $secret := include "kiln.secretName" $root -}}
- name: QUARKUS_HTTP_PORT
  value: {{ .port | quote }}
{{- with .javaOpts }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- range $contract.config }}
- name: {{ . }}
  valueFrom:
    configMapKeyRef:
      name: {{ $cm }}
      key: {{ . }}
{{- end }}
{{- range $contract.secret }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- range $k, $v := .env }}
- name: {{ $k }}
  value: {{ $v | toString | quote }}
{{- end }}
{{- with .extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Health probes on the Quarkus SmallRye Health endpoints. */}}
{{- define "kiln.probes" -}}
{{- $p := .root.Values.defaults.probes -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end -}}

{{/* Checksums that roll the pods when chart-managed config or secrets change. */}}
{{- define "kiln.checksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secrets: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end -}}

{{/*
Pod spec shared by services and worker pools. Call with
(dict "root" $ "name" <service> "cfg" <service-or-pool values> "workloadDefaults" <map> "port" <int>).
*/}}
{{- define "kiln.podSpec" -}}
{{- $root := .root -}}
{{- $d := $root.Values.defaults -}}
{{- $wd := .workloadDefaults | default dict -}}
{{- $cfg := .cfg -}}
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
serviceAccountName: {{ include "kiln.serviceAccountName" $root }}
automountServiceAccountToken: false
terminationGracePeriodSeconds: {{ $d.terminationGracePeriodSeconds }}
securityContext:
  {{- toYaml $d.podSecurityContext | nindent 2 }}
{{- with (default $d.nodeSelector (default $wd.nodeSelector $cfg.nodeSelector)) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $d.tolerations (default $wd.tolerations $cfg.tolerations)) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $d.affinity (default $wd.affinity $cfg.affinity)) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $d.topologySpreadConstraints $cfg.topologySpreadConstraints) }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  - name: {{ .name }}
    image: {{ include "kiln.image" (dict "root" $root "name" .name "tag" (($cfg.image | default dict).tag | default "")) }}
    imagePullPolicy: {{ $root.Values.image.pullPolicy }}
    ports:
      - name: http
        containerPort: {{ .port }}
        protocol: TCP
    env:
      {{- $env := merge (dict) ($cfg.env | default dict) ($wd.env | default dict) ($d.env | default dict) }}
      {{- $javaOpts := default $d.javaOpts (default $wd.javaOpts $cfg.javaOpts) }}
      {{- include "kiln.env" (dict "root" $root "name" .name "port" .port "javaOpts" $javaOpts "env" $env "extraEnv" $cfg.extraEnv) | nindent 6 }}
      {{- with .poolEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    {{- include "kiln.probes" . | nindent 4 }}
    resources:
      {{- toYaml (default $d.resources (default $wd.resources $cfg.resources)) | nindent 6 }}
    securityContext:
      {{- toYaml $d.securityContext | nindent 6 }}
    volumeMounts:
      - name: tmp
        mountPath: /tmp
volumes:
  - name: tmp
    emptyDir:
      {{- with (default $d.tmpVolume.sizeLimit ($cfg.tmpVolume | default dict).sizeLimit) }}
      sizeLimit: {{ . }}
      {{- end }}
{{- end -}}

{{/* KILN_POOL_<NAME>_ENABLED for a pool name. */}}
{{- define "kiln.poolEnabledVar" -}}
{{- printf "KILN_POOL_%s_ENABLED" (. | upper | replace "-" "_" | replace "." "_") -}}
{{- end -}}

{{/* One HorizontalPodAutoscaler (dict "root" $ "component" <name> "pool" <pool or nil> "target" <deployment> "autoscaling" <map>). */}}
{{- define "kiln.hpa" -}}
{{- $a := .autoscaling -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .target }}
  labels:
    {{- include "kiln.componentLabels" (dict "root" .root "name" .component) | nindent 4 }}
    {{- with .pool }}
    kiln.dev/pool: {{ . }}
    {{- end }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .target }}
  minReplicas: {{ $a.minReplicas | default 1 }}
  maxReplicas: {{ required (printf "autoscaling.maxReplicas is required for %s" .target) $a.maxReplicas }}
  metrics:
    {{- if $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
    {{- end }}
    {{- if $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $a.targetMemoryUtilizationPercentage }}
    {{- end }}
{{- end -}}
