/**
 * IoT Policy Lens — the analyzer. Pure TypeScript: no VS Code, no Node-only APIs, so it runs in Node,
 * in the VS Code extension host and in a browser. Data flows one way:
 * text → parsed policy (with ranges) → compiled statements → decisions / findings → presenters.
 */
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
export { tracePolicySet, type PolicySetTrace, type StatementRef, type StatementTrace, type VariableValue } from './explain/explain';
export { compileGlob, globFromPattern, matchGlob, tokenizeWildcards, type Glob, type GlobToken } from './match/glob';
export { filterMatchesTopic, topicFilterProblem, topicNameProblem } from './match/mqtt';
export { isPolicyAccepted, POLICY_KINDS, type GrammarProblem, type Located, type ParsedPolicy, type ParsedStatement, type PolicyKind } from './policy/model';
export { parsePolicy, parsePolicyNode } from './policy/parse';
export { DEFAULT_SCOPE, iotArn, type ArnScope } from './scenario/arn';
export { loadScenario, type LoadResult } from './scenario/load';
export type { FileHost, LoadedScenario, ScenarioProblem, StepSpec } from './scenario/model';
export type { CheckResult, PolicySetReport, ReadingOutcomeReport, ScenarioResult, StepResult } from './scenario/results';
export { decideCheck, runScenario } from './scenario/run';
export { explainCheck } from './scenario/explain-check';
export { formatLocation, LineIndex, type Position, type SourceRange } from './source/range';
export type { Scenario } from './generated/scenario';
export type { IotPolicy } from './generated/iot-policy';
export type { IamPolicy } from './generated/iam-policy';
export { lintParsedPolicy, lintPolicyText, ruleApplies, type LintOptions, type LintResult } from './rules/lint';
export { findRule, RULES } from './rules/registry';
export { PROJECT_RULES } from './rules/project-rules';
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
export { CONFIG_FILE_NAME, parseConfig, ResolvedConfig, type ConfigProblem } from './project/config';
export { classifyFile, classifyJson, type FileFormat, type JsonFileRole } from './project/classify';
export {
  discoverProject,
  DiscoveryError,
  READ_FORMATS,
  type DiscoveredFile,
  type Discovery,
  type DiscoveryNote,
  type DiscoveryOptions,
  type Target,
} from './project/discover';
export { isInside, type EntryStat, type EntryType, type ProjectHost } from './project/host';
export {
  checkPolicyFile,
  checkPolicyFileAlone,
  checkProject,
  checkScenarioFile,
  type CheckOptions,
  type CheckReport,
  type FileReport,
  type ModulePart,
  type ProjectFile,
  type ScenarioCheck,
} from './project/check';
export { checkTemplateFile, terraformModule } from './project/check-template';
export { appFromKinds, appFromScenario, appPolicy, appsFromTemplate, type App, type AppClass, type AppPolicy } from './project/app';
export { scenarioForApp } from './project/app-scenario';
export { appFindings, MAX_IOT_POLICIES_PER_IDENTITY, type AppFindingOptions, type AppFindings } from './project/app-findings';
export { AppQuestions, OTHER_IDENTITY, type Answer } from './project/app-questions';
export { APP_RULES, findAppRule } from './rules/app-registry';
export type { AppRule, AppRuleContext, AppRuleReport } from './rules/app-rule';
export type { TemplateFormat } from './sources/read-template-file';
export type { LensConfig } from './generated/config';
export { hoverAt, describeAction, describeArn, describeKey, describeVariable, type HoverInfo } from './editor/hover';
export { codeBlock, codeSpan, escapeMarkdown } from './editor/markdown';
export { completionsAt, type CompletionEntry, type Completions } from './editor/completion';
export { placeAt, type PolicyPlace } from './editor/json-location';
export { DEFAULT_TEMPLATE_OPTIONS, perIdentityTemplate, templateOptionsProblem, type TemplateFile, type TemplateOptions } from './templates/per-identity';
