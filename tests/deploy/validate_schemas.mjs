// Validates every object of the rendered manifests (the JSON arrays render_manifests writes)
// against the Kubernetes API as the npm kubernetes-models describe it:
//   - the apiVersion must be one a Kubernetes 1.32 cluster serves: removed and beta versions
//     are rejected by name, so an outdated manifest fails here and not at `kubectl apply`;
//   - values, types, formats and required fields: the models' own validate();
//   - unknown fields (a misspelt or misplaced key, which the API server would drop or refuse):
//     TypeScript's excess-property check of each object, as a literal, against the model's
//     interface, since the models' validate() lets unknown fields through.
//
//   node validate_schemas.mjs RENDER_DIR
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// apiVersion -> the module holding its kinds. Only GA versions served by Kubernetes 1.32, and
// the Prometheus Operator's for the optional ServiceMonitor.
const SERVED = new Map([
  ["v1", "kubernetes-models/v1"],
  ["apps/v1", "kubernetes-models/apps/v1"],
  ["batch/v1", "kubernetes-models/batch/v1"],
  ["policy/v1", "kubernetes-models/policy/v1"],
  ["autoscaling/v2", "kubernetes-models/autoscaling/v2"],
  ["networking.k8s.io/v1", "kubernetes-models/networking.k8s.io/v1"],
  ["rbac.authorization.k8s.io/v1", "kubernetes-models/rbac.authorization.k8s.io/v1"],
  ["monitoring.coreos.com/v1", "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1"],
]);
// Versions Kubernetes has removed (the deprecated API migration guide), for a precise message.
const REMOVED = new Set([
  "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "batch/v1beta1", "batch/v2alpha1",
  "policy/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2",
  "networking.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1",
  "storage.k8s.io/v1beta1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1beta1",
  "node.k8s.io/v1beta1", "coordination.k8s.io/v1beta1", "certificates.k8s.io/v1beta1",
  "admissionregistration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
  "flowcontrol.apiserver.k8s.io/v1beta3",
]);

const here = path.dirname(fileURLToPath(import.meta.url));

function describe(object) {
  const meta = object.metadata ?? {};
  return `${object.apiVersion} ${object.kind} ${meta.namespace ? meta.namespace + "/" : ""}${
    meta.name ?? "(no name)"}`;
}

function readRenderings(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`no rendering (*.json) in ${dir}`);
  return files.map((file) => ({
    name: path.basename(file, ".json"),
    objects: JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")),
  }));
}

// Problems with the apiVersion and kind, or from the model's validate().
async function checkWithModels(object) {
  const { apiVersion, kind } = object;
  if (REMOVED.has(apiVersion)) return [`apiVersion ${apiVersion} has been removed from Kubernetes`];
  const module = SERVED.get(apiVersion);
  if (!module) return [`apiVersion ${apiVersion} is not a GA version Kubernetes 1.32 serves`];
  const models = await import(module);
  const Model = models[kind];
  if (typeof Model !== "function" || Model.kind !== kind) {
    return [`kind ${kind} does not exist in ${apiVersion}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

// Unknown fields and type errors of every object, found by type-checking one generated module
// in which each object is a literal typed by its model's interface. Returns problems per object.
function checkWithTypes(entries) {
  const fileName = path.join(here, ".rendered-objects.mts");  // virtual: never written
  const lines = [];
  const startLine = [];
  entries.forEach(({ object }, i) => {
    const module = `${SERVED.get(object.apiVersion)}/${object.kind}`;
    lines.push(`import type { I${object.kind} as T${i} } from ${JSON.stringify(module)};`);
  });
  entries.forEach(({ object }, i) => {
    startLine[i] = lines.length;
    const body = JSON.stringify(object, null, 1).split("\n");
    lines.push(`export const o${i}: T${i} = ${body[0]}`, ...body.slice(1));
    lines[lines.length - 1] += ";";
  });
  const source = lines.join("\n");

  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, version, true)
                      : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));

  const program = ts.createProgram([fileName], options, host);
  const problems = entries.map(() => []);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.file.fileName !== fileName) throw new Error(`type check: ${text}`);
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    let i = startLine.findLastIndex((start) => start !== undefined && start <= line);
    if (i < 0) throw new Error(`type check (imports): ${text}`);
    const field = lines[line].trim().slice(0, 80);
    problems[i].push(`${text.split("\n").pop()} (at \`${field}\`)`);
  }
  return problems;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node validate_schemas.mjs RENDER_DIR");
    return 2;
  }
  let failed = 0;
  let checked = 0;
  for (const { name, objects } of readRenderings(dir)) {
    const typed = [];
    for (const object of objects) {
      checked++;
      const problems = await checkWithModels(object);
      if (problems.length > 0) {
        failed++;
        for (const p of problems) console.error(`${name}: ${describe(object)}: ${p}`);
      } else {
        typed.push({ object });
      }
    }
    const typeProblems = typed.length > 0 ? checkWithTypes(typed) : [];
    typeProblems.forEach((problems, i) => {
      if (problems.length === 0) return;
      failed++;
      for (const p of problems) console.error(`${name}: ${describe(typed[i].object)}: ${p}`);
    });
    console.log(`${name}: ${objects.length} objects checked`);
  }
  console.log(`${checked - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
