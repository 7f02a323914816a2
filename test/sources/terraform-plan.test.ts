import { strict as assert } from 'node:assert';
import { checkProject, classifyJson, ResolvedConfig, type CheckReport } from '../../analyzer';
import { positionOf, SINGLE_FILE_RULES } from './helpers';

const noFiles = { readFile: () => undefined, resolve: (_from: string, reference: string) => reference };

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const IOT_POLICY = policy([{ Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${iot:ClientId}' }]);
const AUTH_POLICY = policy([{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish', 'iot:Subscribe', 'iot:Receive'], Resource: '*' }]);
const GUEST_POLICY = policy([
  { Effect: 'Allow', Action: 'iot:Connect', Resource: 'arn:aws:iot:us-east-1:123456789012:client/${cognito-identity.amazonaws.com:sub}' },
]);

/** A plan: the pool and IoT policy in the root module, the roles in a child module, their ARNs known only after apply. */
const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    terraform_version: '1.7.5',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_cognito_identity_pool.main',
            mode: 'managed',
            type: 'aws_cognito_identity_pool',
            name: 'main',
            values: { allow_unauthenticated_identities: true, identity_pool_name: 'app' },
          },
          { address: 'aws_iot_policy.user', mode: 'managed', type: 'aws_iot_policy', name: 'user', values: { name: 'user', policy: IOT_POLICY } },
          {
            address: 'aws_cognito_identity_pool_roles_attachment.main',
            mode: 'managed',
            type: 'aws_cognito_identity_pool_roles_attachment',
            name: 'main',
            values: { role_mapping: [] },
          },
          { address: 'data.aws_caller_identity.current', mode: 'data', type: 'aws_caller_identity', name: 'current', values: {} },
        ],
        child_modules: [
          {
            address: 'module.roles',
            resources: [
              {
                address: 'module.roles.aws_iam_role.auth',
                mode: 'managed',
                type: 'aws_iam_role',
                name: 'auth',
                values: { name: 'app-auth', inline_policy: [] },
              },
              {
                address: 'module.roles.aws_iam_role.guest',
                mode: 'managed',
                type: 'aws_iam_role',
                name: 'guest',
                values: { name: 'app-guest', inline_policy: [] },
              },
              {
                address: 'module.roles.aws_iam_role_policy.auth',
                mode: 'managed',
                type: 'aws_iam_role_policy',
                name: 'auth',
                values: { name: 'auth', policy: AUTH_POLICY },
              },
              {
                address: 'module.roles.aws_iam_role_policy.guest',
                mode: 'managed',
                type: 'aws_iam_role_policy',
                name: 'guest',
                values: { name: 'guest', role: 'app-guest', policy: GUEST_POLICY },
              },
            ],
          },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_cognito_identity_pool_roles_attachment.main',
            expressions: {
              identity_pool_id: { references: ['aws_cognito_identity_pool.main.id', 'aws_cognito_identity_pool.main'] },
              roles: { references: ['module.roles.auth_arn', 'module.roles'] },
            },
          },
        ],
        module_calls: {
          roles: {
            module: {
              resources: [{ address: 'aws_iam_role_policy.auth', expressions: { role: { references: ['aws_iam_role.auth.id', 'aws_iam_role.auth'] } } }],
            },
          },
        },
      },
    },
  },
  null,
  2,
);

/** Single-file rules only: these tests are about where findings land inside the plan file. */
function check(text: string, path = 'plan.json'): CheckReport {
  return checkProject([{ path, configPath: path, text, role: 'template', format: 'terraform-plan' }], {
    config: new ResolvedConfig(SINGLE_FILE_RULES),
    host: noFiles,
  });
}

describe('terraform show -json plans and states', () => {
  it('are recognised by their content', () => {
    assert.equal(classifyJson(PLAN, 'tfplan.json'), 'terraform-plan');
    assert.equal(classifyJson('{"format_version": "1.0", "terraform_version": "1.7.5", "values": {"root_module": {}}}', 'state.json'), 'terraform-plan');
    assert.equal(classifyJson('{"format_version": "1.0"}', 'other.json'), 'other');
  });

  it('finds the policies of every module, with kinds from the pool, linking a role known only after apply through the configuration', () => {
    const report = check(PLAN);
    assert.deepEqual(
      report.files.map((f) => `${f.name} ${f.kind ?? '-'}`),
      ['aws_iot_policy.user iot', 'module.roles.aws_iam_role_policy.auth -', 'module.roles.aws_iam_role_policy.guest -'],
    );
    // The roles map is known only after apply and refers to the module as a whole (its outputs): both roles unknown, said, not guessed.
    assert.ok(
      report.notes.some((n) =>
        n.includes(
          'identity pool aws_cognito_identity_pool.main: authenticated role unknown (aws_cognito_identity_pool_roles_attachment.main.roles (known only after apply))',
        ),
      ),
      report.notes.join('\n'),
    );
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'unresolved-value').map((f) => f.message.split(';')[0]),
      [
        'aws_cognito_identity_pool_roles_attachment.main: the roles map is not decided by the files (aws_cognito_identity_pool_roles_attachment.main.roles (known only after apply))',
      ],
    );
  });

  it('with the role ARNs known (a state, or a plan of existing roles), the roles attachment gives the kinds', () => {
    const known = PLAN.replace(
      '"role_mapping": []',
      '"roles": {"authenticated": "arn:aws:iam::123456789012:role/app-auth", "unauthenticated": "arn:aws:iam::123456789012:role/app-guest"}, "role_mapping": []',
    );
    const report = check(known);
    assert.deepEqual(
      report.files.map((f) => `${f.name} ${f.kind ?? '-'}`),
      ['aws_iot_policy.user iot', 'module.roles.aws_iam_role_policy.auth auth-role', 'module.roles.aws_iam_role_policy.guest unauth-role'],
    );
    // Findings point into the plan file, inside the policy's JSON string.
    const spoofing = report.findings.find((f) => f.ruleId === 'client-id-spoofing');
    assert.ok(spoofing, report.findings.map((f) => f.message).join('\n'));
    assert.equal(`${spoofing.range.file}:${spoofing.range.start.line}:${spoofing.range.start.column}`, `plan.json:${positionOf(known, '${iot:ClientId}')}`);
  });

  it('a value known only after apply is unknown, reported once', () => {
    const unknown = PLAN.replace(`"policy": ${JSON.stringify(IOT_POLICY)}`, '"name_prefix": "x"');
    const [finding] = check(unknown).findings.filter((f) => f.ruleId === 'unresolved-value');
    assert.match(finding.message, /aws_iot_policy\.user: the policy document depends on aws_iot_policy\.user\.policy \(known only after apply\)/);
  });
});
