import type { TemplateOptions } from './cloudformation/template';
import type { CharacterBudget } from './limits';
import { entry, scalarString, type Span, type TemplateNode } from './tree';

/** Variable sources that belong to the Serverless Framework; any other `${x:…}` (iot:, aws:username…) is an IAM policy variable. */
const SERVERLESS_SOURCES = /^(self|opt|sls|env|file|param|ssm|cf|s3|strToBool|custom)$/;
/** Sources whose values come from where the service is deployed (https://www.serverless.com/framework/docs/guides/variables). */
const DEPLOY_SOURCES = /^(env|param|ssm|cf|s3)$/;
const SERVERLESS_AWS = /^aws:(region|accountId|partition)$/;
/** Deeper than any service nests its variables; a value referring to itself ends here. */
const MAX_DEPTH = 10;

/** A string with its variables resolved, or why it cannot be. */
type Outcome = { value: string } | { unknown: string };

/**
 * Serverless variables (`${source:address, fallback}`) resolved as the framework does before it deploys
 * ([variables](https://www.serverless.com/framework/docs/guides/variables)): recursively — a value may
 * hold variables, a variable's address may hold variables (`${self:custom.topics.${sls:stage}}`).
 * `${self:…}` from the file, the stage from `provider.stage` (else the fallback, else `dev` for
 * `${sls:stage}`), `${aws:region}`/`${aws:accountId}`/`${aws:partition}` from the default scope; any
 * source of the deploy (`env`, `ssm`, `param`, `cf`, `s3`) is unknown even with a fallback (the deploy decides whether
 * the fallback applies); `file(…)` and the rest take their fallback or are unknown. `${iot:ClientId}` and other
 * IAM policy variables stay as written.
 */
export class ServerlessVariables {
  /** The `${aws:…}` variables used, for the report's note. */
  readonly usedAws = new Set<string>();

  /** `${self:…}` values already resolved: each is resolved once, however often it is used. */
  private readonly selfValues = new Map<string, string>();
  /** The scalar being resolved: where a runaway value is reported. */
  private span: Span = [0, 0];

  constructor(
    private readonly root: TemplateNode,
    private readonly options: TemplateOptions,
    private readonly budget: CharacterBudget,
  ) {}

  /** A scalar's text with its variables resolved. */
  resolve(text: string, span: Span): Outcome {
    this.span = span;
    return this.text(text, [], 0);
  }

  private text(text: string, resolving: readonly string[], depth: number): Outcome {
    let result = '';
    let at = 0;
    for (let open = text.indexOf('${'); open !== -1; open = text.indexOf('${', at)) {
      const close = matchingBrace(text, open + 2);
      if (close === -1) break;
      const body = this.text(text.slice(open + 2, close), resolving, depth + 1);
      if ('unknown' in body) return body;
      const variable = this.variable(body.value, resolving, depth);
      if ('unknown' in variable) return variable;
      this.budget.charge(variable.value.length, this.span);
      result += text.slice(at, open) + variable.value;
      at = close + 1;
    }
    return { value: result + text.slice(at) };
  }

  /** One variable's value; an IAM policy variable is itself. */
  private variable(body: string, resolving: readonly string[], depth: number): Outcome {
    const [reference, fallback] = splitFallback(body);
    const written = `\${${body}}`;
    if (SERVERLESS_AWS.test(reference)) {
      this.usedAws.add(written);
      const name = reference.slice(4);
      const { scope } = this.options;
      return { value: name === 'region' ? scope.region : name === 'accountId' ? scope.account : scope.partition };
    }
    const source = /^[\w.-]+(?=[(:])/.exec(reference)?.[0];
    if (source === undefined || !SERVERLESS_SOURCES.test(source)) return { value: written };
    const itself = { unknown: `the Serverless variable ${written} (it refers to itself)` };
    if (depth > MAX_DEPTH) return itself;
    if (resolving.includes(reference)) return fallback !== undefined ? this.fallback(fallback, resolving, depth) : itself;
    const within = [...resolving, reference];
    // `${opt:stage}` is the CLI option, which the files do not give: its fallback, else the stage the file sets.
    const fromFile =
      source === 'self'
        ? this.self(reference.slice(5), within, depth)
        : reference === 'sls:stage' || (reference === 'opt:stage' && fallback === undefined)
          ? this.stage(within, depth)
          : undefined;
    if (fromFile && 'value' in fromFile) return fromFile;
    // The environment, SSM, other stacks…: values of the deploy, which the files do not give; their fallback applies only when those have none.
    if (fallback !== undefined && DEPLOY_SOURCES.test(source))
      return { unknown: `the Serverless variable ${written} (${source} at deploy time; the fallback applies only when it has no value)` };
    if (fallback !== undefined) return this.fallback(fallback, within, depth);
    if (reference === 'sls:stage') return { value: 'dev' };
    return fromFile ?? { unknown: `the Serverless variable ${written}${source === 'file' ? ' (a file this tool does not read)' : ''}` };
  }

  /** `${self:path}`: a value of the file, its own variables resolved. */
  private self(path: string, resolving: readonly string[], depth: number): Outcome | undefined {
    const known = this.selfValues.get(path);
    if (known !== undefined) return { value: known };
    let node: TemplateNode | undefined = this.root;
    for (const key of path.split('.')) node = entry(node, key);
    const text = scalarString(node);
    const outcome = text === undefined ? undefined : this.text(text, resolving, depth + 1);
    if (outcome && 'value' in outcome) this.selfValues.set(path, outcome.value);
    return outcome;
  }

  /** The stage the file sets (`provider.stage`, itself often `${opt:stage, 'dev'}`). */
  private stage(resolving: readonly string[], depth: number): Outcome | undefined {
    const stage = scalarString(entry(entry(this.root, 'provider'), 'stage'));
    return stage === undefined ? undefined : this.text(stage, resolving, depth + 1);
  }

  /** `'dev'` and `3` are values; `self:provider.stage` is another variable. */
  private fallback(fallback: string, resolving: readonly string[], depth: number): Outcome {
    if (/^(['"]).*\1$/.test(fallback)) return { value: fallback.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(fallback)) return { value: fallback };
    if (/^[\w.-]+[(:]/.test(fallback)) return this.variable(fallback, resolving, depth + 1);
    return { unknown: `the Serverless fallback ${fallback}` };
  }
}

/** The `}` closing a `${` whose body starts at `from`, past nested `${…}`; -1 when unclosed. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && depth-- === 0) return i;
  }
  return -1;
}

/** `opt:stage, 'dev'`: the reference and its fallback (after the first comma outside quotes and parentheses). */
function splitFallback(body: string): [string, string | undefined] {
  let nesting = 0;
  let quote: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) quote = ch === quote ? undefined : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') nesting++;
    else if (ch === ')') nesting--;
    else if (ch === ',' && nesting === 0) return [body.slice(0, i).trim(), body.slice(i + 1).trim()];
  }
  return [body.trim(), undefined];
}
