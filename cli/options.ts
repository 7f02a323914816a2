import * as path from 'node:path';
import { formatLocation, POLICY_KINDS, type PolicyKind, type ResolvedConfig } from '../analyzer';
import type { Io } from './io';
import { findConfigFile, loadConfig } from './project-files';
import { UsageError } from './usage-error';

/** Option checks shared by the commands: the same words for the same mistakes. */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown';

export function reportFormat(value: string | undefined, allowed: readonly ReportFormat[] = ['text', 'json', 'sarif']): ReportFormat {
  if (!allowed.includes(value as ReportFormat))
    throw new UsageError(
      `--format must be ${allowed.slice(0, -1).join(', ')}${allowed.length > 2 ? ',' : ''} or ${allowed[allowed.length - 1]}, not "${value}"`,
    );
  return value as ReportFormat;
}

export function policyKind(value: string | undefined): PolicyKind | undefined {
  if (value !== undefined && !POLICY_KINDS.includes(value as PolicyKind))
    throw new UsageError(`--kind must be one of ${POLICY_KINDS.join(', ')}, not "${value}"`);
  return value as PolicyKind | undefined;
}

/** The config (--config, or the nearest one), with the folder its globs are relative to; undefined after printing its problems. */
export function openConfig(explicit: string | undefined, io: Io): { config: ResolvedConfig; configDir: string } | undefined {
  const configFile = findConfigFile(explicit);
  const { config, problems } = loadConfig(configFile);
  if (problems.length > 0) {
    for (const problem of problems) io.error(`${formatLocation(problem.range)}: error invalid-config: ${problem.message}`);
    return undefined;
  }
  return { config, configDir: configFile ? path.dirname(configFile) : process.cwd() };
}
