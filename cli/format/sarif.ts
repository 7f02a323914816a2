import { PROJECT_RULES, RULES, type Finding, type RuleMeta, type Severity, type SourceRange } from '../../analyzer';
import { repository, version } from '../../package.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF rule's `name`: the rule id in PascalCase. */
function sarifRuleName(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
}

function ruleDescriptor(meta: RuleMeta) {
  return {
    id: meta.id,
    name: sarifRuleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    helpUri: meta.reference,
    help: { text: `${meta.rationale}\n\nAWS reference: ${meta.reference}`, markdown: `${meta.rationale}\n\n[AWS reference](${meta.reference})` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['security', 'aws-iot', meta.family], precision: 'high', ...(meta.family === 'over-permission' && { 'security-severity': '9.0' }) },
  };
}

function region(range: SourceRange) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/**
 * A file as SARIF wants it: a relative URI against %SRCROOT% (the checkout GitHub maps it to) for files
 * under the working folder, an absolute file:// URI otherwise; every segment percent-encoded (spaces, #…).
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const normalized = file.split('\\').join('/');
  const encoded = normalized.split('/').map(encodeURIComponent).join('/');
  return normalized.startsWith('/') ? { uri: `file://${encoded}` } : { uri: encoded, uriBaseId: '%SRCROOT%' };
}

function location(range: SourceRange, message?: string) {
  return {
    physicalLocation: { artifactLocation: artifactLocation(range.file), region: region(range) },
    ...(message && { message: { text: message } }),
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning, the same for every command: the whole rule catalog with help, one
 * result per finding with regions relative to the checkout and related locations.
 */
export function formatSarif(findings: readonly Finding[]): string {
  const metas = [...RULES.map((r) => r.meta), ...PROJECT_RULES];
  const index = new Map(metas.map((meta, i) => [meta.id, i]));
  const results = findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: index.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(finding.range)],
    ...(finding.related && { relatedLocations: finding.related.map((r, id) => ({ id, ...location(r.range, r.message) })) }),
    ...(finding.fix && {
      fixes: [
        {
          description: { text: finding.fix.title },
          artifactChanges: [
            {
              artifactLocation: location(finding.range).physicalLocation.artifactLocation,
              replacements: finding.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            },
          ],
        },
      ],
    }),
  }));
  return sarifLog(metas.map(ruleDescriptor), results);
}

/** The SARIF 2.1.0 log: one run of this tool with its rule descriptors and results. */
function sarifLog(rules: readonly object[], results: readonly object[]): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'iot-policy-lens', version, semanticVersion: version, informationUri: repository.url, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
