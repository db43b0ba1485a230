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

    def assertOnlyProblem(self, objects, fragment, name="prod"):
        problems = self.problems(objects, name)
        self.assertTrue(problems, f"no problem reported, expected {fragment!r}")
        for problem in problems:
            self.assertIn(fragment, problem)

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
