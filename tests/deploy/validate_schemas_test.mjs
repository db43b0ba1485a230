// validate_schemas.mjs rejects what the API server would: run over testdata/invalid, where each
// object breaks one rule (its name says which) and one is valid.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const run = spawnSync(process.execPath,
                      [path.join(here, "validate_schemas.mjs"), path.join(here, "testdata/invalid")],
                      { encoding: "utf8" });
const rejected = (name) => run.stderr.split("\n").filter((line) => line.includes(` ${name}: `));

test("a rendering with invalid objects fails", () => {
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^1 passed, 7 failed$/m);
});

test("an unknown field is rejected", () => {
  assert.match(rejected("misspelt-field").join("\n"), /'"replicaz"' does not exist/);
});

test("a field in the wrong object is rejected", () => {
  assert.match(rejected("misplaced-container-field").join("\n"),
               /'"readOnlyRootFilesystem"' does not exist in type 'IContainer'/);
});

test("a removed PodDisruptionBudget version is rejected", () => {
  assert.match(rejected("removed-version").join("\n"), /policy\/v1beta1 has been removed/);
});

test("a removed HorizontalPodAutoscaler version is rejected", () => {
  assert.match(rejected("removed-hpa").join("\n"), /autoscaling\/v2beta2 has been removed/);
});

test("a value of the wrong type is rejected", () => {
  assert.match(rejected("wrong-type").join("\n"), /port must be integer/);
});

test("a missing required field is rejected", () => {
  assert.match(rejected("missing-required").join("\n"), /required property containers/);
});

test("an unknown kind is rejected", () => {
  assert.match(rejected("unknown-kind").join("\n"), /kind Deploymentt does not exist/);
});

test("a valid object is accepted", () => {
  assert.deepEqual(rejected("valid"), []);
});
