/**
 * IoT Policy Lens — the analyzer. Pure TypeScript: no VS Code, no Node-only APIs, so it runs in Node,
 * in the VS Code extension host and in a browser. Data flows one way:
 * text → parsed policy (with ranges) → compiled statements → decisions / findings → presenters.
 *
 * Parsing and deciding load with the library; everything else (rules, scenarios, explanations, the project
 * model, editor helpers) loads when first used, through the stand-ins of ./on-demand.
 */
import {
  loadApp,
  loadAppScenario,
  loadMarkdown,
  loadPerIdentityTemplate,
  loadCheck,
  loadCheckTemplate,
  loadClassify,
  loadAppFindings,
  loadAppQuestions,
  loadAppRegistry,
  loadCompletion,
  loadConfig,
  loadDiffApps,
  loadDiffVersions,
  loadDiscover,
  loadExplain,
  loadExplainChecks,
  loadFixes,
  loadHover,
  loadJsonLocation,
  loadLanguageService,
  loadEditorDocuments,
  loadTemplateDocument,
  loadTemplateHover,
  loadLint,
  loadPolicyDocument,
  loadProjectFiles,
  loadProjectRules,
  loadRegistry,
  loadScenarioLoad,
  loadScenarioReferences,
  loadScenarioRun,
  onDemandClass,
  onDemandFunction,
  onDemandList,
} from './on-demand';

export { AmbiguousVerdictError, IdentityPool, IdentityView, toCompiledPolicy, type PolicyDocumentObject, type PolicyInput } from './api';
export {
  authorize,
  iotPolicyRoleFor,
  type Authorization,
  type AuthorizeOptions,
  type AuthorizeRequest,
  type CognitoDecision,
  type CognitoSubject,
  type IotPolicyRole,
  type ReadingVerdict,
  type RolePolicies,
} from './cognito/authorize';
export { findReading, READINGS, type Reading, type ReadingOutcome } from './readings/catalog';
export type { ReadingChoices } from './readings/choices';
export { identityContext, type CognitoIdentity, type ContextNote, type IdentityType, type Protocol } from './cognito/identity';
export { DATA_PLANE_ACTIONS, findDataPlaneAction, type DataPlaneAction, type IotResourceType } from './catalog/data-plane';
export { OPERATOR_NAMES, parseOperator } from './conditions/operators';
export { compilePolicy, policyUnder, type CompiledPolicy, type CompiledStatement } from './evaluate/compile';
export { RequestContext, type ContextValue } from './evaluate/context';
export { evaluatePolicySet, makeRequest, type AuthRequest, type Outcome, type PolicySetResult } from './evaluate/evaluate';
export type { PolicySetTrace, StatementRef, StatementTrace, VariableValue } from './explain/explain';
export { compileGlob, globFromPattern, matchGlob, tokenizeWildcards, type Glob, type GlobToken } from './match/glob';
export { filterMatchesTopic, topicFilterProblem, topicNameProblem } from './match/mqtt';
export { isPolicyAccepted, POLICY_KINDS, type GrammarProblem, type Located, type ParsedPolicy, type ParsedStatement, type PolicyKind } from './policy/model';
export { parsePolicy, parsePolicyNode } from './policy/parse';
export { DEFAULT_SCOPE, describeScope, iotArn, type ArnScope } from './scenario/arn';
export type { LoadResult } from './scenario/load';
export type { FileHost, LoadedScenario, ScenarioProblem, StepSpec, TemplateSettings } from './scenario/model';
export type { CheckResult, PolicySetReport, ReadingOutcomeReport, ScenarioResult, StepResult } from './scenario/results';
export { formatLocation, LineIndex, type Position, type SourceRange } from './source/range';
export type { Scenario } from './generated/scenario';
export type { IotPolicy } from './generated/iot-policy';
export type { IamPolicy } from './generated/iam-policy';
export type { LintOptions, LintResult } from './rules/lint';
export {
  SEVERITIES,
  defineRule,
  type Finding,
  type Fix,
  type MessageData,
  type RelatedLocation,
  type Rule,
  type RuleMeta,
  type Severity,
  type TextEdit,
} from './rules/rule';
export { placeholdersOf, renderMessage } from './rules/message';
export { CONFIG_FILE_NAME, READ_FORMATS } from './project/names';
export type { ConfigProblem } from './project/config';
export type { FileFormat, JsonFileRole } from './project/classify';
export type { DiscoveredFile, Discovery, DiscoveryNote, DiscoveryOptions, Target } from './project/discover';
export { isInside, type EntryStat, type EntryType, type ProjectHost } from './project/host';
export type { CheckOptions, CheckReport, FileReport, ModulePart, ProjectFile, ScenarioCheck, UnreadTemplate } from './project/check';
export type { AppAccessDiff, AppsDiff } from './project/diff-apps';
export type { FileVersions, VersionsDiff } from './project/diff-versions';
export type { App, AppClass, AppPolicy } from './project/app';
export { appInScope, appScopes, deploymentScope, MAX_SCOPES, type AppScopes } from './project/app-scope';
export type { AppFindingOptions, AppFindings } from './project/app-findings';
export type { Answer } from './project/app-questions';
export type { AppRule, AppRuleContext, AppRuleReport } from './rules/app-rule';
export type { TemplateFormat } from './sources/read-template-file';
export type { LensConfig } from './generated/config';
export type { HoverInfo } from './editor/hover';
export type { CompletionEntry, Completions } from './editor/completion';
export type { PolicyPlace } from './editor/json-location';
export type { EditorDocument } from './editor/policy-document';
export type { DocumentFactory, VersionedText } from './editor/language-service';
export type { FixableFinding, OffsetSpan } from './editor/fixes';
export type { ScenarioPolicyFiles } from './editor/scenario-references';
export { asUnchecked, type Unchecked } from './schema/unchecked';
export { DEFAULT_TEMPLATE_OPTIONS, type TemplateOptions } from './templates/options';
export type { TemplateFile } from './templates/per-identity';

// Loaded on first use.
export const appFromKinds = /* @__PURE__ */ onDemandFunction(loadApp, 'appFromKinds');
export const appFromScenario = /* @__PURE__ */ onDemandFunction(loadApp, 'appFromScenario');
export const appPolicy = /* @__PURE__ */ onDemandFunction(loadApp, 'appPolicy');
export const appsFromTemplate = /* @__PURE__ */ onDemandFunction(loadApp, 'appsFromTemplate');
export const scenarioForApp = /* @__PURE__ */ onDemandFunction(loadAppScenario, 'scenarioForApp');
export const codeBlock = /* @__PURE__ */ onDemandFunction(loadMarkdown, 'codeBlock');
export const codeSpan = /* @__PURE__ */ onDemandFunction(loadMarkdown, 'codeSpan');
export const escapeMarkdown = /* @__PURE__ */ onDemandFunction(loadMarkdown, 'escapeMarkdown');
export const perIdentityTemplate = /* @__PURE__ */ onDemandFunction(loadPerIdentityTemplate, 'perIdentityTemplate');
export const templateOptionsProblem = /* @__PURE__ */ onDemandFunction(loadPerIdentityTemplate, 'templateOptionsProblem');
export const tracePolicySet = /* @__PURE__ */ onDemandFunction(loadExplain, 'tracePolicySet');
export const loadScenario = /* @__PURE__ */ onDemandFunction(loadScenarioLoad, 'loadScenario');
export const decideCheck = /* @__PURE__ */ onDemandFunction(loadScenarioRun, 'decideCheck');
export const runScenario = /* @__PURE__ */ onDemandFunction(loadScenarioRun, 'runScenario');
export const explainCheck = /* @__PURE__ */ onDemandFunction(loadExplainChecks, 'explainCheck');
export const lintParsedPolicy = /* @__PURE__ */ onDemandFunction(loadLint, 'lintParsedPolicy');
export const lintPolicyText = /* @__PURE__ */ onDemandFunction(loadLint, 'lintPolicyText');
export const ruleApplies = /* @__PURE__ */ onDemandFunction(loadLint, 'ruleApplies');
export const findRule = /* @__PURE__ */ onDemandFunction(loadRegistry, 'findRule');
export const RULES = /* @__PURE__ */ onDemandList(loadRegistry, 'RULES');
export const PROJECT_RULES = /* @__PURE__ */ onDemandList(loadProjectRules, 'PROJECT_RULES');
export const parseConfig = /* @__PURE__ */ onDemandFunction(loadConfig, 'parseConfig');
export const ResolvedConfig = /* @__PURE__ */ onDemandClass(loadConfig, 'ResolvedConfig');
export type ResolvedConfig = import('./project/config').ResolvedConfig;
export const classifyFile = /* @__PURE__ */ onDemandFunction(loadClassify, 'classifyFile');
export const classifyJson = /* @__PURE__ */ onDemandFunction(loadClassify, 'classifyJson');
export const isTemplateFormat = /* @__PURE__ */ onDemandFunction(loadClassify, 'isTemplateFormat');
export const isTemplatePartFormat = /* @__PURE__ */ onDemandFunction(loadClassify, 'isTemplatePartFormat');
export const discoverProject = /* @__PURE__ */ onDemandFunction(loadDiscover, 'discoverProject');
export const DiscoveryError = /* @__PURE__ */ onDemandClass(loadDiscover, 'DiscoveryError');
export const isReadFileName = /* @__PURE__ */ onDemandFunction(loadDiscover, 'isReadFileName');
export type DiscoveryError = import('./project/discover').DiscoveryError;
export const checkPolicyFile = /* @__PURE__ */ onDemandFunction(loadCheck, 'checkPolicyFile');
export const checkProject = /* @__PURE__ */ onDemandFunction(loadCheck, 'checkProject');
export const checkScenarioFile = /* @__PURE__ */ onDemandFunction(loadCheck, 'checkScenarioFile');
export const checkTemplateFile = /* @__PURE__ */ onDemandFunction(loadCheckTemplate, 'checkTemplateFile');
export const terraformModule = /* @__PURE__ */ onDemandFunction(loadCheckTemplate, 'terraformModule');
export const hoverAt = /* @__PURE__ */ onDemandFunction(loadHover, 'hoverAt');
export const describeAction = /* @__PURE__ */ onDemandFunction(loadHover, 'describeAction');
export const describeArn = /* @__PURE__ */ onDemandFunction(loadHover, 'describeArn');
export const describeKey = /* @__PURE__ */ onDemandFunction(loadHover, 'describeKey');
export const describeVariable = /* @__PURE__ */ onDemandFunction(loadHover, 'describeVariable');
export const completionsAt = /* @__PURE__ */ onDemandFunction(loadCompletion, 'completionsAt');
export const placeAt = /* @__PURE__ */ onDemandFunction(loadJsonLocation, 'placeAt');
export const hoverIn = /* @__PURE__ */ onDemandFunction(loadHover, 'hoverIn');
export const completionsIn = /* @__PURE__ */ onDemandFunction(loadCompletion, 'completionsIn');
export const placeIn = /* @__PURE__ */ onDemandFunction(loadJsonLocation, 'placeIn');
export const parseLenient = /* @__PURE__ */ onDemandFunction(loadJsonLocation, 'parseLenient');
export const PolicyDocument = /* @__PURE__ */ onDemandClass(loadPolicyDocument, 'PolicyDocument');
export type PolicyDocument = import('./editor/policy-document').PolicyDocument;
export const LanguageService = /* @__PURE__ */ onDemandClass(loadLanguageService, 'LanguageService');
export type LanguageService<D extends import('./editor/policy-document').EditorDocument = import('./editor/policy-document').EditorDocument> =
  import('./editor/language-service').LanguageService<D>;
export const TemplateDocument = /* @__PURE__ */ onDemandClass(loadTemplateDocument, 'TemplateDocument');
export type TemplateDocument = import('./editor/template-document').TemplateDocument;
export type { TemplateReadContext } from './editor/template-document';
export const editorDocuments = /* @__PURE__ */ onDemandFunction(loadEditorDocuments, 'editorDocuments');
export const hoverInTemplate = /* @__PURE__ */ onDemandFunction(loadTemplateHover, 'hoverInTemplate');
export const fixesAt = /* @__PURE__ */ onDemandFunction(loadFixes, 'fixesAt');
export const fileReferences = /* @__PURE__ */ onDemandFunction(loadScenarioReferences, 'fileReferences');
export const scenarioPolicyFiles = /* @__PURE__ */ onDemandFunction(loadScenarioReferences, 'scenarioPolicyFiles');
export const projectFilesOf = /* @__PURE__ */ onDemandFunction(loadProjectFiles, 'projectFilesOf');
export const diffApps = /* @__PURE__ */ onDemandFunction(loadDiffApps, 'diffApps');
export const diffTemplateVersions = /* @__PURE__ */ onDemandFunction(loadDiffApps, 'diffTemplateVersions');
export const diffFileVersions = /* @__PURE__ */ onDemandFunction(loadDiffVersions, 'diffFileVersions');
export const diffPolicyVersions = /* @__PURE__ */ onDemandFunction(loadDiffVersions, 'diffPolicyVersions');
export const checkPolicyFileAlone = /* @__PURE__ */ onDemandFunction(loadCheck, 'checkPolicyFileAlone');
export const appFindings = /* @__PURE__ */ onDemandFunction(loadAppFindings, 'appFindings');
export const AppQuestions = /* @__PURE__ */ onDemandClass(loadAppQuestions, 'AppQuestions');
export type AppQuestions = import('./project/app-questions').AppQuestions;
export const APP_RULES = /* @__PURE__ */ onDemandList(loadAppRegistry, 'APP_RULES');
export const findAppRule = /* @__PURE__ */ onDemandFunction(loadAppRegistry, 'findAppRule');
