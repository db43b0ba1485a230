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
- per overlay: dev runs single replicas and its own MariaDB; prod autoscales from three replicas,
  has disruption budgets, a default-deny NetworkPolicy and mTLS.

  check_policy.py RENDER_DIR README
Prints one line per violation and `N passed, N failed` over the renderings.
"""

import json
import pathlib
import re
import sys

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet")
LONG_RUNNING_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
DANGBO_IMAGE = re.compile(r"^(?:[^/]+/)?dangbo/")
# Env names and ConfigMap keys that would carry a secret value instead of a file path.
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$", re.IGNORECASE)
SECRET_VALUE = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----|-----BEGIN CERTIFICATE-----")
DURATION = re.compile(r"^(\d+)(ms|s|m|h)$")


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


def containers(spec):
    return list(spec.get("initContainers", [])) + list(spec.get("containers", []))


class Rendering:
    def __init__(self, name, objects):
        self.name = name
        self.objects = objects
        self.config_maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}

    def of_kind(self, *kinds):
        return [o for o in self.objects if o["kind"] in kinds]

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

    # --- overlays ----------------------------------------------------------------------------

    def check_dev(self, r):
        for d in r.of_kind("Deployment"):
            if d["spec"].get("replicas") != 1:
                self.fail(r, d, "dev runs a single replica")
        databases = [s for s in r.of_kind("StatefulSet") if s["spec"].get("volumeClaimTemplates")]
        if not databases:
            self.fail(r, None, "dev needs its MariaDB StatefulSet with a PersistentVolumeClaim")

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
        for d in r.of_kind("Deployment"):
            if any(DANGBO_IMAGE.match(c["image"]) for c in pod_spec(d)["containers"]):
                self.check_dangbo_deployment(r, d)
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
