/**
 * Stand-ins for exports whose module loads only when first used, so that a program that only parses and
 * decides never loads schema validation, the rules, the scenario loader, IaC readers or editor helpers.
 * `require` is CommonJS's (the compiled library) or the bundler's (esbuild keeps each module lazily
 * initialized); modules are cached by either, so a stand-in costs one property read after the first call.
 */

/** The module's export `name`, called through on every call (the module loads on the first one). */
export function onDemandFunction<M, K extends keyof M>(load: () => M, name: K): M[K] {
  return ((...args: unknown[]) => (load()[name] as (...args: unknown[]) => unknown)(...args)) as M[K];
}

/**
 * The module's exported class: `new`, `instanceof` and static members reach the real class (the module
 * loads on the first of them).
 */
export function onDemandClass<M, K extends keyof M>(load: () => M, name: K): M[K] {
  const real = () => load()[name] as unknown as new (...args: unknown[]) => object;
  return new Proxy(function OnDemand() {}, {
    construct: (_target, args, newTarget) => Reflect.construct(real(), args, newTarget === _target ? real() : newTarget),
    get: (_target, key) => Reflect.get(real(), key),
    apply: (_target, self, args) => Reflect.apply(real() as unknown as (...args: unknown[]) => unknown, self, args),
  }) as M[K];
}

/** The module's exported array, read-only: indexing, `length`, iteration, `map`/`find`… load it on first use. */
export function onDemandList<M, K extends keyof M>(load: () => M, name: K): M[K] {
  const real = () => load()[name] as unknown as object;
  return new Proxy([], {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(real(), key),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  }) as M[K];
}

// CommonJS's require in the compiled library, the bundler's in the extension and the playground: esbuild sees
// each call with its literal path and keeps that module lazily initialized.
declare const require: (id: string) => unknown;

/** The module, required on the first call and kept: later calls cost one comparison. */
function once<M>(requireModule: () => M): () => M {
  let loaded: M | undefined;
  return () => (loaded ??= requireModule());
}

// Modules the core leaves for later, each loaded by the first call. Marked pure so that a bundle drops the
// loaders (and the modules behind them) it never uses.
export const loadExplain = /* @__PURE__ */ once(() => require('./explain/explain') as typeof import('./explain/explain'));
export const loadScenarioLoad = /* @__PURE__ */ once(() => require('./scenario/load') as typeof import('./scenario/load'));
export const loadScenarioRun = /* @__PURE__ */ once(() => require('./scenario/run') as typeof import('./scenario/run'));
export const loadExplainChecks = /* @__PURE__ */ once(() => require('./scenario/explain-check') as typeof import('./scenario/explain-check'));
export const loadLint = /* @__PURE__ */ once(() => require('./rules/lint') as typeof import('./rules/lint'));
export const loadRegistry = /* @__PURE__ */ once(() => require('./rules/registry') as typeof import('./rules/registry'));
export const loadProjectRules = /* @__PURE__ */ once(() => require('./rules/project-rules') as typeof import('./rules/project-rules'));
export const loadConfig = /* @__PURE__ */ once(() => require('./project/config') as typeof import('./project/config'));
export const loadClassify = /* @__PURE__ */ once(() => require('./project/classify') as typeof import('./project/classify'));
export const loadDiscover = /* @__PURE__ */ once(() => require('./project/discover') as typeof import('./project/discover'));
export const loadCheck = /* @__PURE__ */ once(() => require('./project/check') as typeof import('./project/check'));
export const loadCheckTemplate = /* @__PURE__ */ once(() => require('./project/check-template') as typeof import('./project/check-template'));
export const loadHover = /* @__PURE__ */ once(() => require('./editor/hover') as typeof import('./editor/hover'));
export const loadCompletion = /* @__PURE__ */ once(() => require('./editor/completion') as typeof import('./editor/completion'));
export const loadJsonLocation = /* @__PURE__ */ once(() => require('./editor/json-location') as typeof import('./editor/json-location'));
export const loadJsonc = /* @__PURE__ */ once(() => require('jsonc-parser') as typeof import('jsonc-parser'));
export const loadValidators = /* @__PURE__ */ once(() => require('./generated/validators') as typeof import('./generated/validators'));
export const loadYaml = /* @__PURE__ */ once(() => require('yaml') as typeof import('yaml'));
export const loadPolicyDocument = /* @__PURE__ */ once(() => require('./editor/policy-document') as typeof import('./editor/policy-document'));
export const loadLanguageService = /* @__PURE__ */ once(() => require('./editor/language-service') as typeof import('./editor/language-service'));
export const loadTemplateDocument = /* @__PURE__ */ once(() => require('./editor/template-document') as typeof import('./editor/template-document'));
export const loadEditorDocuments = /* @__PURE__ */ once(() => require('./editor/editor-documents') as typeof import('./editor/editor-documents'));
export const loadTemplateHover = /* @__PURE__ */ once(() => require('./editor/template-hover') as typeof import('./editor/template-hover'));
export const loadFixes = /* @__PURE__ */ once(() => require('./editor/fixes') as typeof import('./editor/fixes'));
export const loadScenarioReferences = /* @__PURE__ */ once(() => require('./editor/scenario-references') as typeof import('./editor/scenario-references'));
export const loadProjectFiles = /* @__PURE__ */ once(() => require('./project/project-files') as typeof import('./project/project-files'));
export const loadDiffApps = /* @__PURE__ */ once(() => require('./project/diff-apps') as typeof import('./project/diff-apps'));
export const loadDiffVersions = /* @__PURE__ */ once(() => require('./project/diff-versions') as typeof import('./project/diff-versions'));
export const loadApp = /* @__PURE__ */ once(() => require('./project/app') as typeof import('./project/app'));
export const loadAppScenario = /* @__PURE__ */ once(() => require('./project/app-scenario') as typeof import('./project/app-scenario'));
export const loadMarkdown = /* @__PURE__ */ once(() => require('./editor/markdown') as typeof import('./editor/markdown'));
export const loadPerIdentityTemplate = /* @__PURE__ */ once(() => require('./templates/per-identity') as typeof import('./templates/per-identity'));
export const loadDomainName = /* @__PURE__ */ once(() => require('./cognito/domain-name') as typeof import('./cognito/domain-name'));
export const loadAppFindings = /* @__PURE__ */ once(() => require('./project/app-findings') as typeof import('./project/app-findings'));
export const loadAppQuestions = /* @__PURE__ */ once(() => require('./project/app-questions') as typeof import('./project/app-questions'));
export const loadAppRegistry = /* @__PURE__ */ once(() => require('./rules/app-registry') as typeof import('./rules/app-registry'));
