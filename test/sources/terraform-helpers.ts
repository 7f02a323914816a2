import { checkProject, ResolvedConfig, terraformModule, type CheckReport } from '../../analyzer';
import { preparePolicy } from '../../analyzer/sources/document';
import { readTemplateFile } from '../../analyzer/sources/read-template-file';

/** An identity pool whose guests get the role aws_iam_role.guest (named "lamps-guest"). */
export const GUEST_POOL = `resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "lamps"
  allow_unauthenticated_identities = true
}
resource "aws_iam_role" "guest" {
  name               = "lamps-guest"
  assume_role_policy = "{}"
}
resource "aws_cognito_identity_pool_roles_attachment" "roles" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`;

/** An aws_iam_role_policy of one statement; `lines` go first in its block (count, for_each…). */
export function rolePolicy(name: string, role: string, statement: { effect: string; action: string; resource: string }, lines = ''): string {
  return `resource "aws_iam_role_policy" "${name}" {
${lines ? `  ${lines}\n` : ''}  name = "${name}"
  role = ${role}
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "${statement.effect}"
      Action   = "${statement.action}"
      Resource = "${statement.resource}"
    }]
  })
}
`;
}

/** A host over files in memory (paths relative to the module's folder); every path may be included. */
export function memoryFiles(files: Readonly<Record<string, string>>) {
  return {
    readFile: (path: string) => files[path.replace(/^(\.\/)+/, '')],
    resolve: (_from: string, reference: string) => reference.replace(/^(\.\/)+/, ''),
    mayInclude: () => true,
  };
}

/** `check` (every rule) on the files of one folder read as one Terraform module, in the order given. */
export function checkModule(files: Readonly<Record<string, string>>, parameters?: Record<string, string>): CheckReport {
  const parts = Object.entries(files)
    .filter(([path]) => path.endsWith('.tf') || path.endsWith('.tf.json') || /tfvars(\.json)?$/.test(path))
    .map(([path, text]) => ({ path, configPath: path, text }));
  return checkProject([terraformModule(parts, parts[0].path)], {
    config: new ResolvedConfig(parameters ? { parameters } : {}),
    host: memoryFiles(files),
  });
}

/** The findings as `file:line:column ruleId`. */
export function placedIn(report: CheckReport): string[] {
  return report.findings.map((f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
}

/** The document of a module's policy as it is analysed (JSON), or undefined when nothing of it is. */
export function analysedDocument(files: Readonly<Record<string, string>>, name: string): unknown {
  const module = terraformModule(
    Object.entries(files).map(([path, text]) => ({ path, configPath: path, text })),
    'main.tf',
  );
  const policy = readTemplateFile(module, memoryFiles(files)).policies.find((p) => p.name === name);
  const emitted = policy && preparePolicy(policy.document).emitted;
  return emitted && JSON.parse(emitted.text);
}
