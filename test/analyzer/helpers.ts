/** Shared helpers for the analyzer suites: build policies from objects, ask for outcomes, fake file hosts. */
import * as path from 'node:path';
import {
  compilePolicy,
  evaluatePolicySet,
  makeRequest,
  parsePolicy,
  RequestContext,
  type CompiledPolicy,
  type ContextValue,
  type FileHost,
  type Outcome,
  type PolicySetResult,
} from '../../analyzer';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
export const ARN_PREFIX = `arn:aws:iot:${REGION}:${ACCOUNT}:`;

/** `arn:aws:iot:us-east-1:123456789012:<type>/<name>` */
export function arn(type: 'client' | 'topic' | 'topicfilter' | 'thing', name: string): string {
  return `${ARN_PREFIX}${type}/${name}`;
}

let counter = 0;

/** Compiles a policy written as a JS object (Version defaults to 2012-10-17; pass null to leave it out). */
export function policy(statements: unknown, version: string | null = '2012-10-17', file = `policy-${++counter}.json`): CompiledPolicy {
  const document: Record<string, unknown> = version === null ? {} : { Version: version };
  document.Statement = statements;
  return compilePolicy(parsePolicy(JSON.stringify(document, null, 2), file));
}

/** Compiles a policy from raw text. */
export function policyText(text: string, file = `policy-${++counter}.json`): CompiledPolicy {
  return compilePolicy(parsePolicy(text, file));
}

export function context(values: Record<string, ContextValue> = {}): RequestContext {
  return new RequestContext(Object.entries(values));
}

export function evaluate(
  policies: CompiledPolicy | CompiledPolicy[],
  action: string,
  resource: string,
  values: Record<string, ContextValue> = {},
): PolicySetResult {
  return evaluatePolicySet(Array.isArray(policies) ? policies : [policies], makeRequest(action, resource, context(values)));
}

export function outcome(policies: CompiledPolicy | CompiledPolicy[], action: string, resource: string, values: Record<string, ContextValue> = {}): Outcome {
  return evaluate(policies, action, resource, values).outcome;
}

/** An in-memory FileHost: paths are POSIX, relative references resolve against the naming file's folder. */
export function memoryHost(files: Record<string, string>): FileHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(file: string) {
      reads.push(file);
      return Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined;
    },
    resolve(fromFile: string, reference: string) {
      return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), reference));
    },
  };
}

/** 1-based line and column of the first occurrence of `needle` (optionally after `after`) in `text`. */
export function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const from = after ? text.indexOf(after) : 0;
  if (from === -1) throw new Error(`anchor ${after} not found`);
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
