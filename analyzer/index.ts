/**
 * IoT Policy Lens — the analyzer. Pure TypeScript: no VS Code, no Node-only APIs, so it runs in Node,
 * in the VS Code extension host and in a browser. Data flows one way:
 * text → parsed policy (with ranges) → compiled statements → decisions / findings → presenters.
 *
 * Parsing and deciding load with the library; everything else (rules, scenarios, explanations, the project
 * model, editor helpers) loads when first used, through the stand-ins of ./on-demand.
 */
import { load, onDemandClass, onDemandFunction, onDemandList } from './on-demand';

export { IdentityPool, IdentityView, toCompiledPolicy, type PolicyInput } from './api';
export { decideForIdentity, iotPolicyRoleFor, type CognitoDecision, type IotPolicyRole, type ReadingVerdict, type RolePolicies } from './cognito/authorize';
export { findReading, READINGS, type Reading, type ReadingOutcome } from './readings/catalog';
export type { ReadingChoices } from './readings/choices';
export { identityContext, type CognitoIdentity, type IdentityType, type Protocol } from './cognito/identity';
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
export { DEFAULT_SCOPE, iotArn, type ArnScope } from './scenario/arn';
export type { LoadResult } from './scenario/load';
export type { FileHost, LoadedScenario, ScenarioProblem, StepSpec } from './scenario/model';
export type { CheckResult, PolicySetReport, ReadingOutcomeReport, ScenarioResult, StepResult } from './scenario/results';
export { formatLocation, LineIndex, type Position, type SourceRange } from './source/range';
export type { Scenario } from './generated/scenario';
export type { IotPolicy } from './generated/iot-policy';
export type { IamPolicy } from './generated/iam-policy';
export type { LintOptions, LintResult } from './rules/lint';
export { SEVERITIES, type Finding, type Fix, type RelatedLocation, type Rule, type RuleMeta, type Severity, type TextEdit } from './rules/rule';
export { CONFIG_FILE_NAME, READ_FORMATS } from './project/names';
export type { ConfigProblem } from './project/config';
export type { FileFormat, JsonFileRole } from './project/classify';
export type { DiscoveredFile, Discovery, DiscoveryNote, DiscoveryOptions, Target } from './project/discover';
export { isInside, type EntryStat, type EntryType, type ProjectHost } from './project/host';
export type { CheckOptions, CheckReport, FileReport, ModulePart, ProjectFile, ScenarioCheck } from './project/check';
export type { TemplateFormat } from './sources/read-template-file';
export type { LensConfig } from './generated/config';
export type { HoverInfo } from './editor/hover';
export { codeBlock, codeSpan, escapeMarkdown } from './editor/markdown';
export type { CompletionEntry, Completions } from './editor/completion';
export type { PolicyPlace } from './editor/json-location';
export { DEFAULT_TEMPLATE_OPTIONS, perIdentityTemplate, templateOptionsProblem, type TemplateFile, type TemplateOptions } from './templates/per-identity';

// Loaded on first use.
export const tracePolicySet = onDemandFunction(load.explain, 'tracePolicySet');
export const loadScenario = onDemandFunction(load.scenarioLoad, 'loadScenario');
export const decideCheck = onDemandFunction(load.scenarioRun, 'decideCheck');
export const runScenario = onDemandFunction(load.scenarioRun, 'runScenario');
export const explainCheck = onDemandFunction(load.explainChecks, 'explainCheck');
export const lintParsedPolicy = onDemandFunction(load.lint, 'lintParsedPolicy');
export const lintPolicyText = onDemandFunction(load.lint, 'lintPolicyText');
export const ruleApplies = onDemandFunction(load.lint, 'ruleApplies');
export const findRule = onDemandFunction(load.registry, 'findRule');
export const RULES = onDemandList(load.registry, 'RULES');
export const PROJECT_RULES = onDemandList(load.projectRules, 'PROJECT_RULES');
export const parseConfig = onDemandFunction(load.config, 'parseConfig');
export const ResolvedConfig = onDemandClass(load.config, 'ResolvedConfig');
export type ResolvedConfig = import('./project/config').ResolvedConfig;
export const classifyFile = onDemandFunction(load.classify, 'classifyFile');
export const classifyJson = onDemandFunction(load.classify, 'classifyJson');
export const discoverProject = onDemandFunction(load.discover, 'discoverProject');
export const DiscoveryError = onDemandClass(load.discover, 'DiscoveryError');
export type DiscoveryError = import('./project/discover').DiscoveryError;
export const checkPolicyFile = onDemandFunction(load.check, 'checkPolicyFile');
export const checkProject = onDemandFunction(load.check, 'checkProject');
export const checkScenarioFile = onDemandFunction(load.check, 'checkScenarioFile');
export const checkTemplateFile = onDemandFunction(load.checkTemplate, 'checkTemplateFile');
export const terraformModule = onDemandFunction(load.checkTemplate, 'terraformModule');
export const hoverAt = onDemandFunction(load.hover, 'hoverAt');
export const describeAction = onDemandFunction(load.hover, 'describeAction');
export const describeArn = onDemandFunction(load.hover, 'describeArn');
export const describeKey = onDemandFunction(load.hover, 'describeKey');
export const describeVariable = onDemandFunction(load.hover, 'describeVariable');
export const completionsAt = onDemandFunction(load.completion, 'completionsAt');
export const placeAt = onDemandFunction(load.jsonLocation, 'placeAt');
