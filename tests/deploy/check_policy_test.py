#!/usr/bin/python3
"""The policy check rejects what it is meant to: each test breaks one rule in a copy of the real
prod rendering and expects exactly that rule to be reported.

  DANGBO_RENDER_DIR=<render_manifests output> DANGBO_README=deploy/README.md check_policy_test.py
"""

import copy
import json
import os
import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_policy  # noqa: E402  (the module under test, found beside this file)

RENDER_DIR = pathlib.Path(os.environ.get("DANGBO_RENDER_DIR", "rendered"))
README = pathlib.Path(os.environ.get("DANGBO_README", "deploy/README.md"))


def load(name):
    return json.loads((RENDER_DIR / f"{name}.json").read_text(encoding="utf-8"))


def find(objects, kind, name=None):
    return next(o for o in objects if o["kind"] == kind and
                (name is None or o["metadata"]["name"] == name))


class PolicyTest(unittest.TestCase):
    def setUp(self):
        self.prod = load("prod")
        self.dev = load("dev")
        self.readme = README.read_text(encoding="utf-8")

    def problems(self, objects, name="prod"):
        checker = check_policy.Checker(self.readme)
        checker.check(check_policy.Rendering(name, objects))
        return checker.problems

    def membership(self, objects):
        return find(objects, "Deployment", "membership")

    def container(self, objects):
        return self.membership(objects)["spec"]["template"]["spec"]["containers"][0]

    def inspection(self, objects):
        return find(objects, "Deployment", "inspection")

    def inspection_container(self, objects):
        return self.inspection(objects)["spec"]["template"]["spec"]["containers"][0]

    @staticmethod
    def config(objects, prefix):
        return next(o for o in objects if o["kind"] == "ConfigMap" and
                    o["metadata"]["name"].startswith(prefix + "-"))["data"]

    def assertOnlyProblem(self, objects, fragment, name="prod"):
        problems = self.problems(objects, name)
        self.assertTrue(problems, f"no problem reported, expected {fragment!r}")
        for problem in problems:
            self.assertIn(fragment, problem)

    def assertOnlyProblems(self, objects, fragments, name="prod"):
        """Each fragment is reported, and every problem reported is one of them: for a change
        that breaks one rule for several workloads (a service and the services calling it)."""
        problems = self.problems(objects, name)
        for fragment in fragments:
            self.assertTrue(any(fragment in p for p in problems),
                            f"{fragment!r} not reported; reported: {problems}")
        for problem in problems:
            self.assertTrue(any(f in problem for f in fragments), f"unexpected: {problem}")

    @staticmethod
    def cron_job(objects, name):
        return find(objects, "CronJob", name)

    def cron_job_container(self, objects, name):
        return self.cron_job(objects, name)["spec"]["jobTemplate"]["spec"]["template"]["spec"][
            "containers"][0]

    def test_rendered_overlays_hold(self):
        self.assertEqual(self.problems(self.prod), [])
        self.assertEqual(self.problems(self.dev, "dev"), [])

    def test_liveness_on_overall_health_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.container(objects)["livenessProbe"]["grpc"]["service"]
        self.assertOnlyProblem(objects, "liveness must probe the `liveness` service")

    def test_missing_readiness_probe_is_reported(self):
        objects = copy.deepcopy(self.dev)
        del self.container(objects)["readinessProbe"]
        problems = self.problems(objects, "dev")
        self.assertIn("dev: Deployment membership: container membership: readinessProbe is "
                      "missing", problems)

    def test_hard_coded_uid_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.membership(objects)["spec"]["template"]["spec"]["securityContext"]["runAsUser"] = 1000
        self.assertOnlyProblem(objects, "no runAsUser")

    def test_writable_root_filesystem_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.container(objects)["securityContext"]["readOnlyRootFilesystem"] = False
        self.assertOnlyProblem(objects, "readOnlyRootFilesystem must be true")

    def test_capability_added_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.container(objects)["securityContext"]["capabilities"]["add"] = ["NET_ADMIN"]
        self.assertOnlyProblem(objects, "capabilities must drop ALL and add none")

    def test_missing_memory_limit_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.container(objects)["resources"]["limits"]["memory"]
        self.assertOnlyProblem(objects, "resources.limits.memory is missing")

    def test_latest_tag_is_reported(self):
        objects = copy.deepcopy(self.dev)
        find(objects, "StatefulSet")["spec"]["template"]["spec"]["containers"][0]["image"] = \
            "docker.io/library/mariadb:latest"
        self.assertOnlyProblem(objects, "needs a pinned tag, not latest", "dev")

    def test_pull_policy_always_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.container(objects)["imagePullPolicy"] = "Always"
        self.assertOnlyProblem(objects, "imagePullPolicy must be IfNotPresent")

    def test_committed_secret_is_reported(self):
        objects = copy.deepcopy(self.prod)
        objects.append({"apiVersion": "v1", "kind": "Secret",
                        "metadata": {"name": "membership-db"}, "data": {"password": "c2VjcmV0"}})
        self.assertOnlyProblem(objects, "Secrets are referenced, never rendered")

    def test_password_in_env_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.container(objects)["env"].append({"name": "DANGBO_DB_PASSWORD", "value": "hunter2"})
        self.assertOnlyProblem(objects, "env DANGBO_DB_PASSWORD carries a secret value")

    def test_private_key_in_config_map_is_reported(self):
        objects = copy.deepcopy(self.prod)
        config = next(o for o in objects if o["metadata"]["name"].startswith("dangbo-common"))
        config["data"]["DANGBO_EXTRA"] = "-----BEGIN EC PRIVATE KEY-----\nMHc...\n"
        self.assertOnlyProblem(objects, "key DANGBO_EXTRA holds a secret")

    def test_undocumented_secret_is_reported(self):
        objects = copy.deepcopy(self.prod)
        volumes = self.membership(objects)["spec"]["template"]["spec"]["volumes"]
        volumes.append({"name": "extra", "secret": {"secretName": "undocumented-secret"}})
        self.assertOnlyProblem(objects, "Secret undocumented-secret is not documented")

    def test_grace_period_within_shutdown_grace_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.membership(objects)["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 20
        self.assertOnlyProblem(objects, "terminationGracePeriodSeconds must exceed")

    def test_probe_on_tls_port_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.container(objects)["readinessProbe"]["grpc"]["port"] = 50051
        self.assertOnlyProblem(objects, "probes must use the plaintext health port")

    def test_migration_job_not_named_by_version_is_reported(self):
        objects = copy.deepcopy(self.prod)
        find(objects, "Job")["metadata"]["name"] = "membership-migrate"
        self.assertOnlyProblem(objects, "must end with its version")

    def test_fixed_replicas_in_prod_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.membership(objects)["spec"]["replicas"] = 3
        self.assertOnlyProblem(objects, "spec.replicas must be left to the HorizontalPodAutoscaler")

    def test_prod_without_default_deny_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if o["metadata"]["name"] != "default-deny"]
        self.assertOnlyProblem(objects, "prod needs a default-deny NetworkPolicy")

    def test_two_replicas_in_dev_is_reported(self):
        objects = copy.deepcopy(self.dev)
        self.membership(objects)["spec"]["replicas"] = 2
        self.assertOnlyProblem(objects, "dev runs a single replica", "dev")

    # --- inspection, and its calls to membership ------------------------------------------

    def test_undeployed_service_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if not (o["kind"] == "Deployment" and o["metadata"]["name"] == "inspection")]
        # Reporting calls inspection too, so it reports the same absence.
        self.assertOnlyProblems(objects, ["the inspection service is not deployed",
                                          "calls inspection, which is not deployed"])

    def test_database_secret_of_another_service_is_reported(self):
        objects = copy.deepcopy(self.prod)
        user = next(v for v in self.inspection_container(objects)["env"]
                    if v["name"] == "DANGBO_DB_USER")
        user["valueFrom"]["secretKeyRef"]["name"] = "membership-db"
        self.assertOnlyProblem(objects, "must both come from the Secret inspection-db")

    def test_service_port_moved_is_reported(self):
        objects = copy.deepcopy(self.prod)
        find(objects, "Service", "inspection")["spec"]["ports"][0]["port"] = 50051
        self.assertOnlyProblems(objects, [
            "needs a Service inspection with port grpc 50052",
            "DANGBO_INSPECTION_ADDRESS='inspection:50052' must name the grpc port of the "
            "Service of inspection"])

    def test_membership_token_not_mounted_is_reported(self):
        objects = copy.deepcopy(self.dev)
        container = self.inspection_container(objects)
        container["volumeMounts"] = [m for m in container["volumeMounts"]
                                     if m["name"] != "membership-token"]
        self.assertOnlyProblem(objects, "DANGBO_MEMBERSHIP_TOKEN_FILE=/etc/dangbo/membership-"
                                        "token/token is not a file of a mounted volume", "dev")

    def test_membership_token_mounted_by_sub_path_is_reported(self):
        objects = copy.deepcopy(self.prod)
        mount = next(m for m in self.inspection_container(objects)["volumeMounts"]
                     if m["name"] == "membership-token")
        mount.update({"mountPath": "/etc/dangbo/membership-token/token", "subPath": "token"})
        self.assertOnlyProblem(objects, "a Secret mounted with subPath")

    def test_membership_address_on_the_wrong_port_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.config(objects, "inspection-config")["DANGBO_MEMBERSHIP_ADDRESS"] = "membership:9091"
        self.assertOnlyProblem(objects, "must name the grpc port of the Service of membership")

    def test_no_client_certificate_towards_membership_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.config(objects, "inspection-config")["DANGBO_MEMBERSHIP_TLS_CERT_FILE"]
        self.assertOnlyProblem(objects, "membership requires mTLS: set "
                                        "DANGBO_MEMBERSHIP_TLS_CERT_FILE")

    def test_tls_towards_plaintext_membership_is_reported(self):
        objects = copy.deepcopy(self.dev)
        self.config(objects, "inspection-config")["DANGBO_MEMBERSHIP_TLS_CA_FILE"] = \
            "/etc/dangbo/jwt/public.pem"
        self.assertOnlyProblem(objects, "membership serves plaintext", "dev")

    def test_no_identity_towards_membership_is_reported(self):
        objects = copy.deepcopy(self.dev)
        del self.config(objects, "inspection-config")["DANGBO_MEMBERSHIP_TOKEN_FILE"]
        self.assertOnlyProblem(objects, "has no identity towards membership", "dev")

    def test_certificate_identity_without_token_is_accepted(self):
        objects = copy.deepcopy(self.prod)
        del self.config(objects, "inspection-config")["DANGBO_MEMBERSHIP_TOKEN_FILE"]
        self.assertEqual(self.problems(objects), [])

    def test_service_identity_of_a_service_that_does_not_call_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.config(objects, "membership-config")["DANGBO_SERVICE_IDENTITIES"] += \
            ",spiffe://dangbo/other=other"
        self.assertOnlyProblem(objects, "DANGBO_SERVICE_IDENTITIES grants 'other'")

    def test_dev_database_without_the_inspection_schema_is_reported(self):
        objects = copy.deepcopy(self.dev)
        variable = next(v for v in find(objects, "StatefulSet")["spec"]["template"]["spec"]
                        ["containers"][0]["env"] if v["name"] == "DANGBO_SERVICES")
        variable["value"] = "membership reporting"
        self.assertOnlyProblem(objects, "DANGBO_SERVICES must name inspection", "dev")

    def test_dev_database_without_the_inspection_credentials_is_reported(self):
        objects = copy.deepcopy(self.dev)
        volume = next(v for v in find(objects, "StatefulSet")["spec"]["template"]["spec"]
                      ["volumes"] if "projected" in v)
        volume["projected"]["sources"] = [s for s in volume["projected"]["sources"]
                                          if s["secret"]["name"] != "inspection-db"]
        self.assertOnlyProblem(objects, "needs inspection-db's", "dev")

    # --- network policies -----------------------------------------------------------------

    def test_inspection_cut_off_from_membership_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if o["metadata"]["name"] != "allow-inspection-to-membership-ingress"]
        self.assertOnlyProblem(objects, "NetworkPolicy: inspection must reach membership port "
                                        "50051/TCP")

    def test_membership_calling_inspection_is_reported(self):
        objects = copy.deepcopy(self.prod)
        for policy in objects:
            if policy["metadata"]["name"].startswith("allow-inspection-to-membership"):
                text = json.dumps(policy).replace("inspection", "@").replace("membership",
                                                                             "inspection")
                objects.append(json.loads(text.replace("@", "membership")))
        self.assertOnlyProblem(objects, "NetworkPolicy: membership must not reach inspection "
                                        "port 50052/TCP (membership does not call inspection)")

    def test_migration_job_reaching_membership_is_reported(self):
        objects = copy.deepcopy(self.prod)
        egress = find(objects, "NetworkPolicy", "allow-inspection-to-membership-egress")
        del egress["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
        ingress = find(objects, "NetworkPolicy", "allow-inspection-to-membership-ingress")
        del ingress["spec"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"][
            "app.kubernetes.io/component"]
        self.assertOnlyProblem(objects, "NetworkPolicy: inspection's migration Job must not "
                                        "reach membership")

    def test_metrics_open_to_clients_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del find(objects, "NetworkPolicy", "allow-clients-to-inspection")["spec"]["ingress"][0][
            "ports"]
        self.assertOnlyProblem(objects, "must not reach inspection port 9092/TCP (metrics are")

    def test_clients_in_the_namespace_without_egress_are_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if o["metadata"]["name"] != "allow-clients-egress"]
        self.assertOnlyProblems(objects, [
            "NetworkPolicy: a client pod (dangbo/client) in the namespace must reach",
            "NetworkPolicy: the report Job dangbo-report must reach"])

    def test_inspection_without_its_database_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if o["metadata"]["name"] != "allow-inspection-to-database"]
        self.assertOnlyProblem(objects, "must reach the database cluster port 3306/TCP")


    # --- reporting, its calls and its rebuild Job -------------------------------------------

    def reporting_config(self, objects):
        return self.config(objects, "reporting-config")

    def test_reporting_without_its_schema_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.reporting_config(objects)["DANGBO_DB_SCHEMA"] = "inspection"
        self.assertOnlyProblem(objects, "DANGBO_DB_SCHEMA must be its own schema reporting")

    def test_reporting_cut_off_from_inspection_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod)
                   if o["metadata"]["name"] != "allow-reporting-to-inspection-ingress"]
        self.assertOnlyProblems(objects, [
            "NetworkPolicy: reporting must reach inspection port 50052/TCP",
            "NetworkPolicy: reporting's rebuild Job must reach inspection port 50052/TCP"])

    def test_reporting_migration_job_reaching_membership_is_reported(self):
        objects = copy.deepcopy(self.prod)
        for name in ("allow-reporting-to-membership-egress",
                     "allow-reporting-to-membership-ingress"):
            policy = find(objects, "NetworkPolicy", name)
            selector = (policy["spec"]["podSelector"] if name.endswith("egress") else
                        policy["spec"]["ingress"][0]["from"][0]["podSelector"])
            selector["matchExpressions"][0]["values"].append("migration")
        self.assertOnlyProblem(objects, "NetworkPolicy: reporting's migration Job must not reach "
                                        "membership")

    def test_no_identity_of_reporting_towards_inspection_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.config(objects, "inspection-config")["DANGBO_SERVICE_IDENTITIES"]
        del self.reporting_config(objects)["DANGBO_INSPECTION_TOKEN_FILE"]
        # The Deployment and the rebuild Job that shares its settings.
        self.assertOnlyProblem(objects, "has no identity towards inspection")

    def test_reporting_without_a_startup_budget_for_the_schema_wait_is_reported(self):
        objects = copy.deepcopy(self.prod)
        container = find(objects, "Deployment", "reporting")["spec"]["template"]["spec"][
            "containers"][0]
        container["startupProbe"]["failureThreshold"] = 30
        self.assertOnlyProblem(objects, "startup probe allows 300 s, less than the 600 s")

    def test_dev_database_without_the_reporting_credentials_is_reported(self):
        objects = copy.deepcopy(self.dev)
        volume = next(v for v in find(objects, "StatefulSet")["spec"]["template"]["spec"]
                      ["volumes"] if "projected" in v)
        volume["projected"]["sources"] = [s for s in volume["projected"]["sources"]
                                          if s["secret"]["name"] != "reporting-db"]
        self.assertOnlyProblem(objects, "needs reporting-db's", "dev")

    def test_scheduled_rebuild_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.cron_job(objects, "reporting-rebuild")["spec"]["suspend"] = False
        self.assertOnlyProblem(objects, "a read-model rebuild must never be scheduled")

    def test_rebuild_on_another_image_is_reported(self):
        objects = copy.deepcopy(self.prod)
        self.cron_job_container(objects, "reporting-rebuild")["image"] = "dangbo/reporting:0.0.9"
        self.assertOnlyProblem(objects, "must run the image of reporting's Deployment")

    def test_rebuild_without_its_client_certificate_is_reported(self):
        objects = copy.deepcopy(self.prod)
        container = self.cron_job_container(objects, "reporting-rebuild")
        container["volumeMounts"] = [m for m in container["volumeMounts"]
                                     if m["name"] != "client-tls"]
        self.assertOnlyProblem(objects, "CronJob reporting-rebuild: DANGBO_")
        self.assertIn("prod: CronJob reporting-rebuild: DANGBO_MEMBERSHIP_TLS_CERT_FILE=/etc/"
                      "dangbo/client-tls/tls.crt is not a file of a mounted volume",
                      self.problems(objects))

    def test_rebuild_cut_off_from_the_feeds_is_reported(self):
        objects = copy.deepcopy(self.prod)
        egress = find(objects, "NetworkPolicy", "allow-reporting-to-membership-egress")
        egress["spec"]["podSelector"]["matchExpressions"][0]["values"] = ["server"]
        self.assertOnlyProblem(objects, "NetworkPolicy: reporting's rebuild Job must reach "
                                        "membership port 50051/TCP")

    # --- the report CronJob -------------------------------------------------------------------

    def report_config(self, objects):
        return self.config(objects, "report-config")

    def test_overlapping_report_runs_are_reported(self):
        objects = copy.deepcopy(self.prod)
        self.cron_job(objects, "dangbo-report")["spec"]["concurrencyPolicy"] = "Allow"
        self.assertOnlyProblem(objects, "CronJob dangbo-report: concurrencyPolicy must be Forbid")

    def test_report_without_backoff_limit_is_reported(self):
        objects = copy.deepcopy(self.dev)
        del self.cron_job(objects, "dangbo-report")["spec"]["jobTemplate"]["spec"]["backoffLimit"]
        self.assertOnlyProblem(objects, "needs jobTemplate.spec.backoffLimit", "dev")

    def test_report_without_the_reports_volume_is_reported(self):
        objects = copy.deepcopy(self.prod)
        container = self.cron_job_container(objects, "dangbo-report")
        container["volumeMounts"] = [m for m in container["volumeMounts"]
                                     if m["name"] != "reports"]
        self.assertOnlyProblem(objects, "must mount the reports volume (a PersistentVolumeClaim) "
                                        "writable at /reports")

    def test_report_on_a_temporary_volume_is_reported(self):
        objects = copy.deepcopy(self.dev)
        spec = self.cron_job(objects, "dangbo-report")["spec"]["jobTemplate"]["spec"][
            "template"]["spec"]
        volume = next(v for v in spec["volumes"] if v["name"] == "reports")
        del volume["persistentVolumeClaim"]
        volume["emptyDir"] = {}
        self.assertOnlyProblem(objects, "must mount the reports volume", "dev")

    def test_report_claim_missing_is_reported(self):
        objects = [o for o in copy.deepcopy(self.prod) if o["kind"] != "PersistentVolumeClaim"]
        self.assertOnlyProblem(objects, "its PersistentVolumeClaim dangbo-reports is not in the "
                                        "rendering")

    def test_report_without_a_period_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.report_config(objects)["DANGBO_REPORT_PERIOD"]
        self.assertOnlyProblem(objects, "DANGBO_REPORT_PERIOD must be set")

    def test_report_address_on_the_metrics_port_is_reported(self):
        objects = copy.deepcopy(self.dev)
        self.report_config(objects)["DANGBO_REPORTING"] = "reporting:9093"
        self.assertOnlyProblem(objects, "DANGBO_REPORTING='reporting:9093' must name the grpc "
                                        "port of the Service of reporting", "dev")

    def test_report_without_client_certificate_is_reported(self):
        objects = copy.deepcopy(self.prod)
        del self.report_config(objects)["DANGBO_TLS_CERT_FILE"]
        self.assertOnlyProblem(objects, "the services require mTLS: set DANGBO_TLS_CERT_FILE")

    def test_report_without_token_is_reported(self):
        objects = copy.deepcopy(self.dev)
        del self.report_config(objects)["DANGBO_TOKEN_FILE"]
        self.assertOnlyProblem(objects, "has no identity: set DANGBO_TOKEN_FILE", "dev")

    def test_report_token_not_mounted_is_reported(self):
        objects = copy.deepcopy(self.prod)
        container = self.cron_job_container(objects, "dangbo-report")
        container["volumeMounts"] = [m for m in container["volumeMounts"]
                                     if m["name"] != "token"]
        self.assertOnlyProblem(objects, "DANGBO_TOKEN_FILE=/etc/dangbo/token/token is not a file "
                                        "of a mounted volume")

    def test_report_job_not_a_client_is_reported(self):
        objects = copy.deepcopy(self.prod)
        labels = self.cron_job(objects, "dangbo-report")["spec"]["jobTemplate"]["spec"][
            "template"]["metadata"]["labels"]
        del labels["dangbo/client"]
        # Unlabelled, the NetworkPolicies also stop its calls.
        self.assertOnlyProblems(objects, [
            "its pods must be labelled dangbo/client",
            "NetworkPolicy: the report Job dangbo-report must reach"])

    def test_report_job_reaching_the_database_is_reported(self):
        objects = copy.deepcopy(self.prod)
        objects.append({
            "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": "allow-clients-to-database", "namespace": "dangbo"},
            "spec": {"podSelector": {"matchLabels": {"dangbo/client": "true"}},
                     "policyTypes": ["Egress"],
                     "egress": [{"to": [{"namespaceSelector": {"matchLabels": {
                         "kubernetes.io/metadata.name": "dangbo-db"}}}],
                         "ports": [{"port": 3306, "protocol": "TCP"}]}]}})
        self.assertOnlyProblems(objects, [
            "a client pod (dangbo/client) in the namespace must not reach the database cluster",
            "the report Job dangbo-report must not reach the database cluster"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
