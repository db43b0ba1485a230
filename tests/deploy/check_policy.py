#!/usr/bin/python3
"""Checks what must hold in every rendered dangbo installation (the JSON arrays render_manifests
writes), beyond what the API schemas say:

- every workload: probes (long-running ones), non-root, read-only root filesystem, no privilege
  escalation, all capabilities dropped, seccomp RuntimeDefault, requests and limits, pinned
  images (no `latest`), imagePullPolicy IfNotPresent;
- dangbo's own workloads: no uid in the manifest (the image's numeric USER is used), native gRPC
  probes with a database-independent liveness, a startup budget covering the schema wait, a
  grace period longer than the server's, scrape annotations, a versioned migration Job;
- secrets only by reference: no Secret objects, no secret values in env or ConfigMaps, and every
  referenced Secret documented in deploy/README.md;
- per service (SERVICES): deployed with its well-known ports, its own schema and `<service>-db`
  Secret, every file a DANGBO_*_FILE setting names mounted (Secrets without subPath, so updates
  reach the files); per call between services (CALLS): the caller's address of the callee names
  its Service, the caller authenticates (token or mTLS identity) and speaks TLS when the callee
  does;
- where NetworkPolicies are rendered: exactly the calls of the architecture get through
  (clients -> every service's gRPC port, each service -> the services it calls and its
  database, monitoring -> metrics ports, every pod -> DNS), and nothing else (network_model.py);
- jobs: every CronJob never overlaps its previous run (concurrencyPolicy Forbid), has a starting
  deadline, history limits and a backoff limit; the report CronJob (dangboctl) writes to a
  mounted PersistentVolumeClaim, takes scope and period from its ConfigMap, finds the services'
  Services, has an identity and speaks TLS when they do; a read-model rebuild CronJob is never
  scheduled (suspended), runs its service's image and has every file its settings name;
- per overlay: dev runs single replicas and its own MariaDB creating every service's schema;
  prod autoscales from three replicas, has disruption budgets, a default-deny NetworkPolicy and
  mTLS.

  check_policy.py RENDER_DIR README
Prints one line per violation and `N passed, N failed` over the renderings.
"""

import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from network_model import Network, Pod  # noqa: E402  (beside this file)

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet")
LONG_RUNNING_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
DANGBO_IMAGE = re.compile(r"^(?:[^/]+/)?dangbo/")
# Env names and ConfigMap keys that would carry a secret value instead of a file path.
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$", re.IGNORECASE)
SECRET_VALUE = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----|-----BEGIN CERTIFICATE-----")
DURATION = re.compile(r"^(\d+)(ms|s|m|h)$")

# The dangbo services deployed, with the ports clients and Prometheus know them by. The Service
# and the Deployment of each are named after it, as are its schema and its Secret <name>-db.
SERVICES = {
    "membership": {"grpc": 50051, "metrics": 9091},
    "inspection": {"grpc": 50052, "metrics": 9092},
    "reporting": {"grpc": 50053, "metrics": 9093},
}
# Caller -> the services it calls (design.md §1); no other call between services is allowed.
CALLS = {
    "membership": set(),
    "inspection": {"membership"},
    "reporting": {"membership", "inspection"},
}
# The services the report job (`dangboctl report`) calls, by the environment variable holding
# each address: figures from reporting, organization names from membership.
REPORT_CALLS = {"reporting": "DANGBO_REPORTING", "membership": "DANGBO_MEMBERSHIP"}
# Where the NetworkPolicies expect the production database cluster (deploy/README.md).
DATABASE_NAMESPACE = "dangbo-db"


def duration_seconds(text):
    """An absl duration of one unit ("20s", "10m") in seconds."""
    match = DURATION.match(text or "")
    if not match:
        raise ValueError(f"not a simple duration: {text!r}")
    value, unit = int(match.group(1)), match.group(2)
    return value * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]


def name_of(obj):
    return f"{obj['kind']} {obj['metadata'].get('name')}"


def pod_spec(obj):
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return obj["spec"]["template"]["spec"]


def pod_labels(obj):
    template = (obj["spec"]["jobTemplate"]["spec"]["template"] if obj["kind"] == "CronJob"
                else obj["spec"]["template"])
    return template["metadata"].get("labels", {})


def is_report_job(obj):
    """The scheduled report: a CronJob running the dangboctl image."""
    return obj["kind"] == "CronJob" and any(
        re.match(r"^(?:[^/]+/)?dangbo/dangboctl(?::|@|$)", c.get("image", ""))
        for c in containers(pod_spec(obj)))


def is_rebuild_job(obj):
    """A read-model rebuild: a CronJob running a service with --rebuild_only."""
    return obj["kind"] == "CronJob" and any(
        "--rebuild_only" in c.get("args", []) for c in containers(pod_spec(obj)))


def containers(spec):
    return list(spec.get("initContainers", [])) + list(spec.get("containers", []))


def port_of(address):
    """The port of a host:port address, or None."""
    port = (address or "").rpartition(":")[2]
    return int(port) if port.isdigit() else None


def service_identities(env):
    """The subjects DANGBO_SERVICE_IDENTITIES (`SAN-URI=subject,...`) grants service rights."""
    pairs = env.get("DANGBO_SERVICE_IDENTITIES", "").split(",")
    return {pair.partition("=")[2].strip() for pair in pairs if pair.strip()}


def mounted_file(spec, container, path):
    """(volume, path inside it) when `path` is a file of a volume the container mounts: under
    its mount path and, for a volume listing items, one of them. None otherwise."""
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    for mount in container.get("volumeMounts", []):
        root = mount["mountPath"].rstrip("/") + "/"
        volume = volumes.get(mount["name"])
        if volume is None:
            continue
        if path == mount["mountPath"] and mount.get("subPath"):
            inside = mount["subPath"]  # one file of the volume, mounted by itself
        elif path.startswith(root):
            inside = path[len(root):]
            if mount.get("subPath"):
                inside = f"{mount['subPath']}/{inside}"
        else:
            continue
        source = volume.get("secret") or volume.get("configMap")
        if source and source.get("items") and \
                inside not in {item["path"] for item in source["items"]}:
            continue
        return volume, inside
    return None


class Rendering:
    def __init__(self, name, objects):
        self.name = name
        self.objects = objects
        self.config_maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}

    def of_kind(self, *kinds):
        return [o for o in self.objects if o["kind"] in kinds]

    def named(self, kind, name):
        return next((o for o in self.objects
                     if o["kind"] == kind and o["metadata"]["name"] == name), None)

    def environment(self, container):
        """The DANGBO_* settings a container sees: envFrom ConfigMaps, then literal env values."""
        env = {}
        for source in container.get("envFrom", []):
            ref = source.get("configMapRef")
            if ref and ref["name"] in self.config_maps:
                env.update(self.config_maps[ref["name"]].get("data", {}))
        for var in container.get("env", []):
            if "value" in var:
                env[var["name"]] = var["value"]
        return env


class Checker:
    def __init__(self, readme_text):
        self.readme = readme_text
        self.problems = []

    def fail(self, rendering, obj, message):
        where = name_of(obj) if obj else "-"
        self.problems.append(f"{rendering.name}: {where}: {message}")

    # --- every workload ------------------------------------------------------------------

    def check_workload(self, r, obj):
        spec = pod_spec(obj)
        pod_sc = spec.get("securityContext", {})
        dangbo = any(DANGBO_IMAGE.match(c.get("image", "")) for c in containers(spec))
        if spec.get("automountServiceAccountToken") is not False:
            self.fail(r, obj, "automountServiceAccountToken must be false")
        pod_seccomp = pod_sc.get("seccompProfile", {}).get("type")
        for c in containers(spec):
            cname = f"container {c['name']}"
            sc = c.get("securityContext", {})
            image = c.get("image", "")
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            if "@sha256:" not in image and (not tag or tag == "latest"):
                self.fail(r, obj, f"{cname}: image {image!r} needs a pinned tag, not latest")
            if c.get("imagePullPolicy") != "IfNotPresent":
                self.fail(r, obj, f"{cname}: imagePullPolicy must be IfNotPresent")
            if not (sc.get("runAsNonRoot") is True or
                    (pod_sc.get("runAsNonRoot") is True and sc.get("runAsNonRoot") is not False)):
                self.fail(r, obj, f"{cname}: runAsNonRoot must be true")
            if sc.get("allowPrivilegeEscalation") is not False:
                self.fail(r, obj, f"{cname}: allowPrivilegeEscalation must be false")
            if sc.get("privileged"):
                self.fail(r, obj, f"{cname}: must not be privileged")
            if sc.get("readOnlyRootFilesystem") is not True:
                self.fail(r, obj, f"{cname}: readOnlyRootFilesystem must be true")
            caps = sc.get("capabilities", {})
            if "ALL" not in caps.get("drop", []) or caps.get("add"):
                self.fail(r, obj, f"{cname}: capabilities must drop ALL and add none")
            if (sc.get("seccompProfile", {}).get("type") or pod_seccomp) != "RuntimeDefault":
                self.fail(r, obj, f"{cname}: seccompProfile must be RuntimeDefault")
            resources = c.get("resources", {})
            for kind in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    if resource not in resources.get(kind, {}):
                        self.fail(r, obj, f"{cname}: resources.{kind}.{resource} is missing")
            if obj["kind"] in LONG_RUNNING_KINDS:
                for probe in ("readinessProbe", "livenessProbe"):
                    if probe not in c:
                        self.fail(r, obj, f"{cname}: {probe} is missing")
            if dangbo and ("runAsUser" in sc or "runAsUser" in pod_sc):
                self.fail(r, obj, f"{cname}: no runAsUser: the image's numeric USER applies")
            self.check_secret_references(r, obj, c)

    def check_secret_references(self, r, obj, container):
        for var in container.get("env", []):
            if "value" in var and (SECRET_NAME.search(var["name"]) or
                                   SECRET_VALUE.search(var["value"])):
                self.fail(r, obj, f"env {var['name']} carries a secret value; use a Secret")
            ref = var.get("valueFrom", {}).get("configMapKeyRef")
            if ref and ref["name"] not in r.config_maps:
                self.fail(r, obj, f"env {var['name']} names a missing ConfigMap {ref['name']}")
        for source in container.get("envFrom", []):
            ref = source.get("configMapRef")
            if ref and ref["name"] not in r.config_maps:
                self.fail(r, obj, f"envFrom names a missing ConfigMap {ref['name']}")

    def referenced_secrets(self, obj):
        spec = pod_spec(obj)
        names = set()
        for c in containers(spec):
            for var in c.get("env", []):
                ref = var.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    names.add(ref["name"])
            for source in c.get("envFrom", []):
                if "secretRef" in source:
                    names.add(source["secretRef"]["name"])
        for volume in spec.get("volumes", []):
            if "secret" in volume:
                names.add(volume["secret"]["secretName"])
            for source in volume.get("projected", {}).get("sources", []):
                if "secret" in source:
                    names.add(source["secret"]["name"])
        return names

    # --- dangbo's own services -----------------------------------------------------------

    def check_dangbo_deployment(self, r, obj):
        spec = pod_spec(obj)
        c = spec["containers"][0]
        env = r.environment(c)
        grace = duration_seconds(env.get("DANGBO_SHUTDOWN_GRACE", "20s"))
        if spec.get("terminationGracePeriodSeconds", 30) <= grace:
            self.fail(r, obj, f"terminationGracePeriodSeconds must exceed the {grace:g} s "
                              "shutdown grace")
        if env.get("DANGBO_MIGRATE_ON_START") != "false":
            self.fail(r, obj, "DANGBO_MIGRATE_ON_START must be false: the migration Job migrates")
        readiness, liveness = c.get("readinessProbe", {}), c.get("livenessProbe", {})
        startup = c.get("startupProbe", {})
        for probe_name, probe in (("readiness", readiness), ("liveness", liveness),
                                  ("startup", startup)):
            if "grpc" not in probe:
                self.fail(r, obj, f"{probe_name} probe must be a native gRPC probe")
        if readiness.get("grpc", {}).get("service", ""):
            self.fail(r, obj, "readiness must probe the overall health (service \"\"), which "
                              "follows the database")
        if liveness.get("grpc", {}).get("service") != "liveness":
            self.fail(r, obj, "liveness must probe the `liveness` service, which does not "
                              "depend on the database")
        budget = startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3)
        wait = duration_seconds(env.get("DANGBO_SCHEMA_WAIT", "10m"))
        if budget < wait:
            self.fail(r, obj, f"startup probe allows {budget} s, less than the {wait:g} s "
                              "schema wait")
        tls_on = bool(env.get("DANGBO_TLS_CERT_FILE"))
        probe_ports = {p.get("grpc", {}).get("port") for p in (readiness, liveness, startup)}
        grpc_port = int(env.get("DANGBO_LISTEN", ":0").rsplit(":", 1)[1])
        if tls_on:
            health_port = int(env.get("DANGBO_HEALTH_LISTEN", ":0").rsplit(":", 1)[1])
            if probe_ports != {health_port}:
                self.fail(r, obj, "with TLS on, probes must use the plaintext health port "
                                  "(the kubelet's gRPC probes cannot speak TLS)")
        elif probe_ports != {grpc_port}:
            self.fail(r, obj, f"probes must use the gRPC port {grpc_port}")
        annotations = obj["spec"]["template"]["metadata"].get("annotations", {})
        metrics_ports = {str(p["containerPort"]) for p in c.get("ports", [])
                         if p.get("name") == "metrics"}
        if annotations.get("prometheus.io/scrape") != "true" or \
                annotations.get("prometheus.io/port") not in metrics_ports:
            self.fail(r, obj, "needs prometheus.io/scrape and prometheus.io/port of its "
                              "metrics port")
        labels = obj["spec"]["template"]["metadata"]["labels"]
        services = [s for s in r.of_kind("Service")
                    if s["spec"].get("selector") and
                    all(labels.get(k) == v for k, v in s["spec"]["selector"].items())]
        if not any(p.get("name") == "grpc" for s in services for p in s["spec"]["ports"]):
            self.fail(r, obj, "no Service with a port named grpc selects its pods")
        account = spec.get("serviceAccountName")
        if not any(a["metadata"]["name"] == account for a in r.of_kind("ServiceAccount")):
            self.fail(r, obj, f"its ServiceAccount {account!r} is not in the rendering")

        tag = c["image"].rpartition(":")[2]
        slug = re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-")
        jobs = [j for j in r.of_kind("Job")
                if pod_spec(j)["containers"][0]["image"] == c["image"] and
                "--migrate_only" in pod_spec(j)["containers"][0].get("args", [])]
        if not jobs:
            self.fail(r, obj, f"no migration Job runs {c['image']} --migrate_only")
        for job in jobs:
            if not job["metadata"]["name"].endswith(f"-{slug}"):
                self.fail(r, job, f"a migration Job's name must end with its version -{slug}")
            if "ttlSecondsAfterFinished" not in job["spec"]:
                self.fail(r, job, "needs ttlSecondsAfterFinished")

    # --- each service, and the calls between them --------------------------------------------

    def check_service(self, r, obj):
        name = obj["metadata"]["name"]
        expected = SERVICES.get(name)
        if expected is None:
            self.fail(r, obj, "not a known dangbo service: add it to SERVICES and CALLS in "
                              "tests/deploy/check_policy.py")
            return
        spec = pod_spec(obj)
        c = spec["containers"][0]
        env = r.environment(c)
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        for port_name, setting in (("grpc", "DANGBO_LISTEN"), ("metrics", "DANGBO_METRICS_LISTEN")):
            if ports.get(port_name) != expected[port_name]:
                self.fail(r, obj, f"container port {port_name} must be {expected[port_name]}")
            if port_of(env.get(setting)) != expected[port_name]:
                self.fail(r, obj, f"{setting} must listen on port {expected[port_name]}")
        service = r.named("Service", name)
        if service is None or not any(p.get("name") == "grpc" and p["port"] == expected["grpc"]
                                      for p in service["spec"]["ports"]):
            self.fail(r, obj, f"needs a Service {name} with port grpc {expected['grpc']}")
        if env.get("DANGBO_DB_SCHEMA") != name:
            self.fail(r, obj, f"DANGBO_DB_SCHEMA must be its own schema {name}")
        secret = f"{name}-db"
        user_ref = next((v.get("valueFrom", {}).get("secretKeyRef") for v in c.get("env", [])
                         if v["name"] == "DANGBO_DB_USER"), None)
        password = mounted_file(spec, c, env.get("DANGBO_DB_PASSWORD_FILE", ""))
        if not user_ref or user_ref["name"] != secret or not password or \
                password[0].get("secret", {}).get("secretName") != secret:
            self.fail(r, obj, f"database user and password must both come from the Secret "
                              f"{secret}")
        self.check_mounted_files(r, obj, spec, c, env)

    def check_mounted_files(self, r, obj, spec, c, env):
        """Every file a DANGBO_*_FILE setting names is in a volume the container mounts, and
        Secrets are mounted whole: a subPath mount never sees the Secret change."""
        for key, path in sorted(env.items()):
            if key.endswith("_FILE") and path and mounted_file(spec, c, path) is None:
                self.fail(r, obj, f"{key}={path} is not a file of a mounted volume")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for mount in c.get("volumeMounts", []):
            volume = volumes.get(mount["name"], {})
            if mount.get("subPath") and ("secret" in volume or "projected" in volume):
                self.fail(r, obj, f"volume {mount['name']} is a Secret mounted with subPath, "
                                  "which never sees the Secret change")

    @staticmethod
    def names_grpc_service(r, address, callee_deployment):
        """Whether host:port is the grpc port of a Service selecting the callee's pods."""
        host, _, port = (address or "").rpartition(":")
        service = r.named("Service", host.split(".")[0]) if host else None
        callee_labels = callee_deployment["spec"]["template"]["metadata"]["labels"]
        return service is not None and bool(service["spec"].get("selector")) and \
            all(callee_labels.get(k) == v for k, v in service["spec"]["selector"].items()) and \
            any(p.get("name") == "grpc" and str(p["port"]) == port
                for p in service["spec"]["ports"])

    def check_call(self, r, caller, callee, caller_service=None):
        """The caller (a service's Deployment, or a Job of that service, `caller_service`)
        finds the callee, proves who it is and speaks its transport."""
        caller_service = caller_service or caller["metadata"]["name"]
        prefix = f"DANGBO_{callee.upper()}_"
        container = pod_spec(caller)["containers"][0]
        env = r.environment(container)
        callee_deployment = r.named("Deployment", callee)
        if callee_deployment is None:
            self.fail(r, caller, f"calls {callee}, which is not deployed")
            return
        callee_env = r.environment(pod_spec(callee_deployment)["containers"][0])
        address = env.get(f"{prefix}ADDRESS", "")
        if not self.names_grpc_service(r, address, callee_deployment):
            self.fail(r, caller, f"{prefix}ADDRESS={address!r} must name the grpc port of the "
                                 f"Service of {callee}")
        tls_files = [f"{prefix}TLS_{f}_FILE" for f in ("CA", "CERT", "KEY")]
        if callee_env.get("DANGBO_TLS_CERT_FILE"):
            missing = [f for f in tls_files if not env.get(f)]
            if missing:
                self.fail(r, caller, f"{callee} requires mTLS: set {', '.join(missing)}")
        elif any(env.get(f) for f in tls_files):
            self.fail(r, caller, f"{callee} serves plaintext: no {prefix}TLS_* settings")
        known_services = service_identities(callee_env)
        by_certificate = (caller_service in known_services and
                          env.get(f"{prefix}TLS_CERT_FILE"))
        if not env.get(f"{prefix}TOKEN_FILE") and not by_certificate:
            self.fail(r, caller, f"has no identity towards {callee}: a {prefix}TOKEN_FILE or "
                                 f"a client certificate listed in its DANGBO_SERVICE_IDENTITIES")

    def check_service_identities(self, r, obj):
        """Identities given service rights are exactly services that call this one."""
        env = r.environment(pod_spec(obj)["containers"][0])
        name = obj["metadata"]["name"]
        for subject in sorted(service_identities(env)):
            if name not in CALLS.get(subject, set()):
                self.fail(r, obj, f"DANGBO_SERVICE_IDENTITIES grants {subject!r}, which does not "
                                  f"call {name}")

    # --- jobs ---------------------------------------------------------------------------------

    def check_cron_job(self, r, obj):
        """A scheduled run never overlaps the previous one, is skipped when it cannot start in
        time, gives up after a few attempts and leaves a bounded history."""
        spec = obj["spec"]
        if spec.get("concurrencyPolicy") != "Forbid":
            self.fail(r, obj, "concurrencyPolicy must be Forbid: a run must not overlap the one "
                              "before")
        for field in ("startingDeadlineSeconds", "successfulJobsHistoryLimit",
                      "failedJobsHistoryLimit"):
            if field not in spec:
                self.fail(r, obj, f"needs {field}")
        if "backoffLimit" not in spec["jobTemplate"]["spec"]:
            self.fail(r, obj, "needs jobTemplate.spec.backoffLimit")

    def check_report_job(self, r, obj):
        """The report CronJob writes to a volume that outlives it, reports what its ConfigMap
        says, and reaches the services as a client: their addresses, an identity, TLS."""
        spec = pod_spec(obj)
        c = spec["containers"][0]
        env = r.environment(c)
        report_dir = env.get("DANGBO_REPORT_DIR", "/reports").rstrip("/")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        mount = next((m for m in c.get("volumeMounts", [])
                      if m["mountPath"].rstrip("/") == report_dir), None)
        claim = volumes.get(mount["name"], {}).get("persistentVolumeClaim") if mount else None
        if not claim or mount.get("readOnly") or mount.get("subPath"):
            self.fail(r, obj, f"must mount the reports volume (a PersistentVolumeClaim) "
                              f"writable at {report_dir}")
        elif r.named("PersistentVolumeClaim", claim["claimName"]) is None:
            self.fail(r, obj, f"its PersistentVolumeClaim {claim['claimName']} is not in the "
                              "rendering")
        for key in ("DANGBO_REPORT_SCOPE", "DANGBO_REPORT_PERIOD"):
            if not env.get(key):
                self.fail(r, obj, f"{key} must be set (from its ConfigMap)")
        if pod_labels(obj).get("dangbo/client") != "true":
            self.fail(r, obj, "its pods must be labelled dangbo/client: \"true\" (a client)")
        self.check_mounted_files(r, obj, spec, c, env)
        tls_on = False
        for callee, setting in sorted(REPORT_CALLS.items()):
            callee_deployment = r.named("Deployment", callee)
            if callee_deployment is None:
                self.fail(r, obj, f"calls {callee}, which is not deployed")
                continue
            if not self.names_grpc_service(r, env.get(setting), callee_deployment):
                self.fail(r, obj, f"{setting}={env.get(setting, '')!r} must name the grpc port "
                                  f"of the Service of {callee}")
            callee_env = r.environment(pod_spec(callee_deployment)["containers"][0])
            tls_on = tls_on or bool(callee_env.get("DANGBO_TLS_CLIENT_CA_FILE"))
        if tls_on:
            missing = [f"DANGBO_TLS_{f}_FILE" for f in ("CA", "CERT", "KEY")
                       if not env.get(f"DANGBO_TLS_{f}_FILE")]
            if missing:
                self.fail(r, obj, f"the services require mTLS: set {', '.join(missing)}")
        # A client certificate only opens the connection; what the job may read is its token's.
        if not env.get("DANGBO_TOKEN_FILE"):
            self.fail(r, obj, "has no identity: set DANGBO_TOKEN_FILE")

    def check_rebuild_job(self, r, obj):
        """A rebuild empties the stored read model: it runs only when started by hand, with
        the image and the files of the service it rebuilds."""
        if obj["spec"].get("suspend") is not True:
            self.fail(r, obj, "a read-model rebuild must never be scheduled: suspend must be true")
        service = pod_labels(obj).get("app.kubernetes.io/name")
        deployment = r.named("Deployment", service)
        spec = pod_spec(obj)
        c = spec["containers"][0]
        if deployment is None:
            self.fail(r, obj, f"rebuilds {service!r}, which is not deployed")
        elif c["image"] != pod_spec(deployment)["containers"][0]["image"]:
            self.fail(r, obj, f"must run the image of {service}'s Deployment")
        self.check_mounted_files(r, obj, spec, c, r.environment(c))
        for callee in sorted(CALLS.get(service, set())):
            self.check_call(r, obj, callee, service)

    # --- network policies ----------------------------------------------------------------------

    def check_network(self, r, servers):
        """With NetworkPolicies rendered, the calls of the architecture get through and nothing
        else does (checked between the modelled pods below)."""
        namespace = servers[0]["metadata"].get("namespace", "default")
        namespace_labels = {n["metadata"]["name"]: n["metadata"].get("labels", {})
                            for n in r.of_kind("Namespace")}
        namespace_labels["callers"] = {"dangbo/client": "true"}
        network = Network(r.of_kind("NetworkPolicy"), namespace_labels)

        def pod_of(obj, description):
            spec = pod_spec(obj)
            ports = {p["name"]: (p["containerPort"], p.get("protocol", "TCP"))
                     for c in spec["containers"] for p in c.get("ports", []) if "name" in p}
            return Pod(description, obj["metadata"].get("namespace", namespace), pod_labels(obj),
                       ports)

        client_here = Pod("a client pod (dangbo/client) in the namespace", namespace,
                          {"dangbo/client": "true"})
        client_there = Pod("a pod of a client namespace", "callers", {})
        monitoring = Pod("Prometheus", "monitoring", {})
        strangers = [Pod("an unlabelled pod in the namespace", namespace, {}),
                     Pod("a pod of another namespace", "elsewhere", {})]
        database = Pod("the database cluster", DATABASE_NAMESPACE, {}, {"mysql": (3306, "TCP")})
        dns = Pod("the cluster DNS", "kube-system", {"k8s-app": "kube-dns"})

        servers_by_name = {d["metadata"]["name"]: pod_of(d, d["metadata"]["name"]) for d in servers}
        jobs = {}  # service -> its migration Job's pod
        for job in r.of_kind("Job"):
            labels = job["spec"]["template"]["metadata"].get("labels", {})
            if labels.get("app.kubernetes.io/component") == "migration":
                name = labels.get("app.kubernetes.io/name")
                jobs[name] = pod_of(job, f"{name}'s migration Job")
        rebuilds = {}  # service -> its rebuild Job's pod
        reports = []
        for cron_job in r.of_kind("CronJob"):
            if is_rebuild_job(cron_job):
                name = pod_labels(cron_job).get("app.kubernetes.io/name")
                rebuilds[name] = pod_of(cron_job, f"{name}'s rebuild Job")
            elif is_report_job(cron_job):
                reports.append(pod_of(cron_job, f"the report Job {cron_job['metadata']['name']}"))
        expectations = []  # (source, destination, port, protocol, allowed, why)

        def expect(source, destination, port, allowed, why, protocol="TCP"):
            if isinstance(port, str):  # a named port of the destination
                port = destination.ports.get(port, (None,))[0]
            if port is not None:  # a missing port is reported by the service's own checks
                expectations.append((source, destination, port, protocol, allowed, why))

        for name, server in servers_by_name.items():
            for client in (client_here, client_there):
                expect(client, server, "grpc", True, "clients call every service")
                expect(client, server, "metrics", False, "metrics are Prometheus'")
            expect(monitoring, server, "metrics", True, "Prometheus scrapes")
            expect(monitoring, server, "grpc", False, "Prometheus only scrapes")
            for stranger in strangers:
                expect(stranger, server, "grpc", False, "not a client")
            expect(server, database, 3306, True, "its own schema")
            expect(server, dns, 53, True, "names are resolved", "UDP")
            expect(server, strangers[1], 443, False, "no call leaves dangbo")
            if name in jobs:
                expect(jobs[name], database, 3306, True, "it migrates")
            for other_name, other in servers_by_name.items():
                if other_name == name:
                    continue
                calls = other_name in CALLS.get(name, set())
                why = f"{name} {'calls' if calls else 'does not call'} {other_name}"
                expect(server, other, "grpc", calls, why)
                expect(server, other, "metrics", False, why)
                if name in jobs:
                    expect(jobs[name], other, "grpc", False, "a migration needs its database only")
                if name in rebuilds:
                    expect(rebuilds[name], other, "grpc", calls,
                           f"a rebuild follows the feeds {name} follows")
                    expect(rebuilds[name], other, "metrics", False, why)
            if name in rebuilds:
                expect(rebuilds[name], database, 3306, True, "it rebuilds its schema's model")
                expect(rebuilds[name], strangers[1], 443, False, "no call leaves dangbo")
            for report in reports:
                expect(report, server, "grpc", True, "the report job is a client")
                expect(report, server, "metrics", False, "metrics are Prometheus'")
        for report in reports:
            expect(report, database, 3306, False, "the report job calls services")
            expect(report, dns, 53, True, "names are resolved", "UDP")
        expect(client_here, database, 3306, False, "clients call services")

        for source, destination, port, protocol, allowed, why in expectations:
            if network.allows(source, destination, port, protocol) != allowed:
                verb = "must reach" if allowed else "must not reach"
                self.problems.append(f"{r.name}: NetworkPolicy: {source!r} {verb} {destination!r} "
                                     f"port {port}/{protocol} ({why})")

    # --- overlays ----------------------------------------------------------------------------

    def check_dev(self, r):
        for d in r.of_kind("Deployment"):
            if d["spec"].get("replicas") != 1:
                self.fail(r, d, "dev runs a single replica")
        databases = [s for s in r.of_kind("StatefulSet") if s["spec"].get("volumeClaimTemplates")]
        if not databases:
            self.fail(r, None, "dev needs its MariaDB StatefulSet with a PersistentVolumeClaim")
        for database in databases:
            self.check_dev_schemas(r, database)

    def check_dev_schemas(self, r, database):
        """The MariaDB init script (create-schemas.sh) creates a schema and user for every
        service: each is in DANGBO_SERVICES, and its <name>-db Secret projected as
        <name>/username and <name>/password."""
        spec = pod_spec(database)
        env = {v["name"]: v.get("value", "") for c in spec["containers"] for v in c.get("env", [])}
        listed = set(env.get("DANGBO_SERVICES", "").split())
        projected = set()
        for volume in spec.get("volumes", []):
            for source in volume.get("projected", {}).get("sources", []):
                secret = source.get("secret")
                if secret:
                    projected |= {(secret["name"], i["key"], i["path"])
                                  for i in secret.get("items", [])}
        for d in r.of_kind("Deployment"):
            name = d["metadata"]["name"]
            if name not in SERVICES:
                continue
            if name not in listed:
                self.fail(r, database, f"DANGBO_SERVICES must name {name}, so that its schema "
                                       "and user are created")
            for key in ("username", "password"):
                if (f"{name}-db", key, f"{name}/{key}") not in projected:
                    self.fail(r, database, f"needs {name}-db's {key} projected as {name}/{key}")

    def check_prod(self, r):
        hpas = {h["spec"]["scaleTargetRef"]["name"]: h
                for h in r.of_kind("HorizontalPodAutoscaler")}
        for d in r.of_kind("Deployment"):
            name = d["metadata"]["name"]
            hpa = hpas.get(name)
            if not hpa or hpa["spec"].get("minReplicas", 1) < 3:
                self.fail(r, d, "needs a HorizontalPodAutoscaler with minReplicas >= 3")
            if "replicas" in d["spec"]:
                self.fail(r, d, "spec.replicas must be left to the HorizontalPodAutoscaler")
            labels = d["spec"]["template"]["metadata"]["labels"]
            if not any(all(labels.get(k) == v
                           for k, v in p["spec"]["selector"].get("matchLabels", {}).items())
                       for p in r.of_kind("PodDisruptionBudget")):
                self.fail(r, d, "needs a PodDisruptionBudget")
            env = r.environment(pod_spec(d)["containers"][0])
            if not env.get("DANGBO_TLS_CLIENT_CA_FILE"):
                self.fail(r, d, "prod runs mTLS: DANGBO_TLS_CLIENT_CA_FILE must be set")
        if not any(p["spec"]["podSelector"] == {} and
                   set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"} and
                   not p["spec"].get("ingress") and not p["spec"].get("egress")
                   for p in r.of_kind("NetworkPolicy")):
            self.fail(r, None, "prod needs a default-deny NetworkPolicy")
        if r.of_kind("StatefulSet"):
            self.fail(r, None, "prod uses the external MySQL HA cluster, no database of its own")

    # --- a rendering -------------------------------------------------------------------------

    def check(self, r):
        before = len(self.problems)
        if not r.of_kind("Deployment"):
            self.fail(r, None, "renders no Deployment")
        for obj in r.objects:
            if obj["kind"] == "Secret":
                self.fail(r, obj, "Secrets are referenced, never rendered from the repository")
            if obj["kind"] == "ConfigMap":
                for key, value in obj.get("data", {}).items():
                    if SECRET_VALUE.search(value) or (SECRET_NAME.search(key) and
                                                      not key.endswith("_FILE")):
                        self.fail(r, obj, f"key {key} holds a secret; use a Secret")
        referenced = set()
        for obj in r.of_kind(*WORKLOAD_KINDS):
            self.check_workload(r, obj)
            referenced |= self.referenced_secrets(obj)
        for name in sorted(referenced):
            if f"`{name}`" not in self.readme:
                self.fail(r, None, f"Secret {name} is not documented in deploy/README.md")
        servers = [d for d in r.of_kind("Deployment")
                   if any(DANGBO_IMAGE.match(c["image"]) for c in pod_spec(d)["containers"])]
        for d in servers:
            self.check_dangbo_deployment(r, d)
            self.check_service(r, d)
            self.check_service_identities(r, d)
            for callee in sorted(CALLS.get(d["metadata"]["name"], set())):
                self.check_call(r, d, callee)
        for cron_job in r.of_kind("CronJob"):
            self.check_cron_job(r, cron_job)
            if is_report_job(cron_job):
                self.check_report_job(r, cron_job)
            if is_rebuild_job(cron_job):
                self.check_rebuild_job(r, cron_job)
        deployed = {d["metadata"]["name"] for d in servers}
        for name in sorted(set(SERVICES) - deployed):
            self.fail(r, None, f"the {name} service is not deployed")
        if servers and r.of_kind("NetworkPolicy"):
            self.check_network(r, servers)
        overlay = r.name.split("+")[0]
        if overlay == "dev":
            self.check_dev(r)
        elif overlay == "prod":
            self.check_prod(r)
        return len(self.problems) == before


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    render_dir, readme = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    checker = Checker(readme.read_text(encoding="utf-8"))
    files = sorted(render_dir.glob("*.json"))
    if not files:
        print(f"no rendering (*.json) in {render_dir}", file=sys.stderr)
        return 1
    passed = failed = 0
    for path in files:
        rendering = Rendering(path.stem, json.loads(path.read_text(encoding="utf-8")))
        if checker.check(rendering):
            passed += 1
            print(f"{rendering.name}: policy holds")
        else:
            failed += 1
    for problem in checker.problems:
        print(problem, file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
