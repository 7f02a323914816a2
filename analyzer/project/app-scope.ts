import type { ParsedStatement } from '../policy/model';
import { describeScope, globMatches, iotArnScope, SCOPE_PARTS, type ArnScope, type ScopePart } from '../scenario/arn';
import type { App } from './app';

/**
 * Where the questions about an app are asked: the partition, region and account of the requests the rules,
 * the summary and the app's scenarios name (docs/app-model.md#the-scope-of-the-questions).
 */
export interface AppScopes {
  /** Every scope asked in (at least one); access found in any of them is reported. */
  scopes: ArnScope[];
  /** Which scopes and why, in words, for the reports. */
  note: string;
  /** How many further scopes the policies name that were not asked in (past MAX_SCOPES): nothing is known of them. */
  notAsked: number;
  /** What the policies' ARNs name that no request does (`account 12345678901`): their statements grant nothing. */
  unmatched: string[];
}

/** Past this many scopes (regions × accounts the policies name), the rest are not asked in and are reported as not known. */
export const MAX_SCOPES = 16;

/** The config's parameters that say where the stack is deployed. */
const PARAMETER: Record<ScopePart, string> = { partition: 'AWS::Partition', region: 'AWS::Region', account: 'AWS::AccountId' };

/** Regions tried in order for "a region no Deny names". */
const ELSEWHERE_REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2'];

/** Where the config says the stack is deployed (`"parameters": {"AWS::Region": …}`), or undefined when it does not say. */
export function deploymentScope(parameters: Readonly<Record<string, string>> | undefined): Partial<ArnScope> | undefined {
  const given = Object.fromEntries(SCOPE_PARTS.flatMap((part) => (parameters?.[PARAMETER[part]] ? [[part, parameters[PARAMETER[part]]]] : [])));
  return Object.keys(given).length > 0 ? given : undefined;
}

/** The app as asked in one of its scopes: what the rules, the summary and `scenarioForApp` read as `app.scope`. */
export function appInScope(app: App, scope: ArnScope): App {
  return { ...app, scope };
}

const decided = new WeakMap<App, AppScopes>();

/**
 * The scopes of an app, decided once: for each part, the config's value when it gives one, a scenario's
 * own, and every value the policies' IoT ARNs name literally (a pattern such as `eu-*` by an example);
 * when none of these, the app's default. When a Deny names a region for actions an Allow grants in every
 * region, a region no Deny names is asked too. Wildcards (`arn:aws:iot:*:*:…`) match every scope, so they
 * name none.
 */
export function appScopes(app: App): AppScopes {
  let found = decided.get(app);
  if (!found) decided.set(app, (found = decide(app)));
  return found;
}

function decide(app: App): AppScopes {
  return scopesOf({
    statements: app.classes.flatMap((c) => [...c.rolePolicies, ...c.iotPolicies]).flatMap((p) => p.compiled.source.statements),
    ...(app.deployment && { deployment: app.deployment }),
    ...(app.origin === 'scenario' && { scenario: app.scope }),
    fallback: app.scope,
  });
}

/** What decides where questions are asked. */
export interface ScopeInputs {
  /** The policies' statements: the parts their IoT ARNs name literally. */
  statements: readonly ParsedStatement[];
  /** Where the config says the stack is deployed. */
  deployment?: Partial<ArnScope>;
  /** A scenario's own scope. */
  scenario?: ArnScope;
  /** The value of a part nothing names. */
  fallback: ArnScope;
  /** ARN patterns a question names itself (a property's resources): the parts they name are asked in too. */
  questions?: readonly string[];
}

/** The scopes appScopes gives an app, from what decides them (`prove` asks it for a scenario and its properties). */
export function scopesOf(inputs: ScopeInputs): AppScopes {
  const named = namedParts(inputs.statements);
  const sources = { partition: new Set<string>(), region: new Set<string>(), account: new Set<string>() };
  const valuesOf = (part: ScopePart): string[] => {
    const values = new Set<string>();
    const take = (value: string | undefined, source: string) => {
      if (value === undefined) return;
      values.add(value);
      sources[part].add(source);
    };
    take(inputs.deployment?.[part], 'the config’s parameters');
    take(inputs.scenario?.[part], 'the scenario');
    for (const value of named.values[part]) take(value, 'the policies’ ARNs');
    for (const text of inputs.questions ?? []) take(exampleOf(iotArnScope(text)?.[part]), 'the properties’ ARNs');
    if (part === 'region') take(regionNoDenyNames(named, values), 'one no Deny names');
    if (values.size === 0) values.add(inputs.fallback[part]);
    return [...values];
  };
  const [partitions, regions, accounts] = SCOPE_PARTS.map(valuesOf);
  const all = partitions.flatMap((partition) => regions.flatMap((region) => accounts.map((account) => ({ partition, region, account }))));
  const scopes = all.slice(0, MAX_SCOPES);
  const from = describeSources(sources);
  const listed = scopes.map(describeScope).join('; ');
  const notAsked = all.length - scopes.length;
  const unmatched = [...named.unmatched];
  const asked =
    scopes.length === 1
      ? `the questions are asked in ${listed} (${from})`
      : `the questions are asked in each of ${scopes.length} scopes (${from}): ${listed}; access found in any of them is reported`;
  const note = [
    asked,
    ...(notAsked > 0 ? [`${notAsked} further scope(s) the policies name (more than ${MAX_SCOPES}) are not asked in, so access there is not known`] : []),
    ...(unmatched.length > 0 ? [`ARNs with ${unmatched.join(', ')} match no request (an account ID is 12 digits), so what they name is granted nowhere`] : []),
  ].join('; ');
  return { scopes, note, notAsked, unmatched };
}

/** "region and account from the policies’ ARNs", "region from the config’s parameters; account: the default, …". */
function describeSources(sources: Record<ScopePart, ReadonlySet<string>>): string {
  // The config and a scenario first: they say where the app is; the policies say where else it may reach.
  const said = (part: ScopePart) => (sources[part].size > 0 ? `from ${[...sources[part]].sort(bySource).join(' and ')}` : 'the default, as nothing names one');
  const [region, account] = [said('region'), said('account')];
  return region === account ? `region and account ${region}` : `region ${region}; account ${account}`;
}

interface NamedParts {
  /** The values IoT ARNs name, each part on its own (an example value for a pattern like `eu-*`). */
  values: Record<ScopePart, Set<string>>;
  /** Parts no request names (an account that is not 12 digits). */
  unmatched: Set<string>;
  /** The region patterns Deny statements name (and Allow statements' NotResource), with their actions (lower case). */
  regionDenies: { region: string; actions: string[] }[];
  /** The actions (lower case) of Allow statements that match regions no ARN names: `*`, a NotResource, `arn:aws:iot:*:…`. */
  openRegionActions: string[];
}

function namedParts(statements: readonly ParsedStatement[]): NamedParts {
  const named: NamedParts = {
    values: { partition: new Set(), region: new Set(), account: new Set() },
    unmatched: new Set(),
    regionDenies: [],
    openRegionActions: [],
  };
  for (const statement of statements) {
    const allow = statement.effect?.value === 'Allow';
    const negated = statement.resources?.negated === true;
    const actions = statement.actions?.negated ? ['*'] : (statement.actions?.values.map((a) => a.value.toLowerCase()) ?? []);
    for (const { value } of statement.resources?.values ?? []) {
      const scope = iotArnScope(value);
      for (const part of SCOPE_PARTS) {
        const pattern = scope?.[part];
        const example = exampleOf(pattern);
        // An account ID is 12 digits: an ARN with another one (or none) matches no request, so it names no scope.
        if (part === 'account' && pattern !== undefined && !/^[\d*?]{12}$|\*|\$\{/.test(pattern))
          named.unmatched.add(pattern === '' ? 'an empty account' : `account "${pattern}"`);
        else if (part === 'region' && pattern === '') named.unmatched.add('an empty region');
        else if (example !== undefined) named.values[part].add(example);
        if (part !== 'region') continue;
        if (allow && (negated || pattern === undefined || example !== pattern)) named.openRegionActions.push(...actions);
        // A Deny's region, and a region an Allow's NotResource leaves out, are carved out of what is allowed elsewhere.
        if (allow === negated && example !== undefined) named.regionDenies.push({ region: pattern!, actions });
      }
    }
  }
  return named;
}

/** `eu-*` names a region by an example (eu-x); `*`, `` and a policy variable name none. */
function exampleOf(pattern: string | undefined): string | undefined {
  return pattern !== undefined && !pattern.includes('${') && /[^*]/.test(pattern) ? pattern.replace(/[*?]/g, 'x') : undefined;
}

/**
 * A region no Deny names, when a Deny names one for actions an Allow grants in every region: role
 * credentials are not bound to the pool's region, so what the Deny removes there stays granted elsewhere.
 */
function regionNoDenyNames(named: NamedParts, taken: ReadonlySet<string>): string | undefined {
  const overlap = (a: string, b: string) => globMatches(a, b) || globMatches(b, a);
  const carved = named.regionDenies.some((deny) => deny.actions.some((d) => named.openRegionActions.some((a) => overlap(a, d))));
  if (!carved) return undefined;
  const excluded = [...taken, ...named.regionDenies.map((d) => d.region)];
  return ELSEWHERE_REGIONS.find((region) => !excluded.some((p) => globMatches(p, region)));
}

const SOURCE_ORDER = ['the config', 'the scenario', 'the policies', 'the properties', 'one no Deny'];
const bySource = (a: string, b: string) => rank(a) - rank(b);
function rank(source: string): number {
  const index = SOURCE_ORDER.findIndex((s) => source.startsWith(s));
  return index === -1 ? SOURCE_ORDER.length : index;
}
