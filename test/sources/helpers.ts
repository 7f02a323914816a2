import { APP_RULES, checkProject, ResolvedConfig, type CheckReport, type LensConfig, type TemplateFormat } from '../../analyzer';

const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };

/**
 * The rules over identity classes turned off: what the single-file rules report, placed in the template (the
 * app rules' findings replace some of them; their placement is tested with the samples).
 */
export const SINGLE_FILE_RULES: LensConfig = { rules: Object.fromEntries(APP_RULES.map((r) => [r.meta.id, 'off'])) };

/** `check` on one template file, as the CLI runs it. */
export function checkTemplateText(text: string, path = 'template.yaml', config: LensConfig = {}, format: TemplateFormat = 'cloudformation'): CheckReport {
  return checkProject([{ path, configPath: path, text, role: 'template', format }], { config: new ResolvedConfig(config), host: noFiles });
}

/** The files a check could not read at all (so the run cannot pass). */
export function unreadFiles(report: CheckReport): string[] {
  return report.unread.map((u) => u.range.file);
}

/** The findings as `line:column ruleId`, for exact position asserts. */
export function placed(report: CheckReport): string[] {
  return report.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
}

/** Where a text first occurs in a file, as `line:column` (1-based), so tests do not count by hand. */
export function positionOf(text: string, needle: string, occurrence = 0): string {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  if (offset === -1) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/**
 * A role's `Policies` with one inline policy of one statement, as template YAML at the indentation of a
 * role's properties; values as written in YAML (`iot:Publish`, `!Sub '…'`, `[a, b]`).
 */
export const onePolicy = (name: string, action: string, resource: string, effect = 'Allow') => `      Policies:
        - PolicyName: ${name}
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: ${effect}
                Action: ${action}
                Resource: ${resource}
`;

/**
 * A template with an identity pool that lets guests in and gives them `GuestRole` (attached as
 * `Roles.unauthenticated: <attached>`): `sections` come before `Resources` (Parameters, Conditions…),
 * `role` is the role's properties after its trust policy (YAML at six spaces), `more` further resources.
 */
export function guestPoolTemplate({
  sections = '',
  role,
  attached = '!GetAtt GuestRole.Arn',
  more = '',
}: {
  sections?: string;
  role: string;
  attached?: string;
  more?: string;
}): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${sections}Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }
${role}  RoleAttachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles:
        unauthenticated: ${attached}
${more}`;
}

/** The guest role of the tester's reproducers (cfn-attachment-arn-forms): named `app-guest`, publishing to a device's shadow topic. */
export const DEVICE_GUEST_ROLE = `      RoleName: app-guest
${onePolicy('Devices', 'iot:Publish', "!Sub 'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/$aws/things/lamp-1/shadow/update'")}`;
