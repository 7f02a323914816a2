import type { Node } from 'jsonc-parser';
import type { FileFormat } from '../project/classify';
import type { ParsedPolicy, ParsedStatement } from '../policy/model';
import { parsePolicy } from '../policy/parse';
import { completionsIn, type Completions } from './completion';
import { hoverIn, type HoverInfo } from './hover';
import { parseLenient } from './json-location';

/** The answers an editor asks of one version of a document; every offset is into that version's text. */
export interface EditorDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** What the file is to the project (a policy, a scenario, a template's format…). */
  readonly format: FileFormat;
  hover(offset: number): HoverInfo | undefined;
  completions(offset: number): Completions | undefined;
  /** The policy statement containing the offset, for "explain this statement". */
  statementAt(offset: number): ParsedStatement | undefined;
  readonly statements: readonly ParsedStatement[];
}

/**
 * A policy document (IAM or IoT, JSON) parsed at most once per version: the lenient tree that hovers and
 * completion read while the user types, and the policy model that statement lenses read, each on first use.
 */
export class PolicyDocument implements EditorDocument {
  readonly kind = 'policy';
  private tree: { root: Node | undefined } | undefined;
  private parsed: ParsedPolicy | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    /** The file name findings and statements carry. */
    private readonly file = uri,
    readonly format: FileFormat = 'policy',
  ) {}

  private get root(): Node | undefined {
    this.tree ??= { root: parseLenient(this.text) };
    return this.tree.root;
  }

  get policy(): ParsedPolicy {
    this.parsed ??= parsePolicy(this.text, this.file);
    return this.parsed;
  }

  get statements(): readonly ParsedStatement[] {
    return this.policy.statements;
  }

  hover(offset: number): HoverInfo | undefined {
    return hoverIn(this.root, offset);
  }

  completions(offset: number): Completions | undefined {
    return completionsIn(this.text, this.root, offset);
  }

  statementAt(offset: number): ParsedStatement | undefined {
    return this.statements.find((s) => offset >= s.range.offset && offset <= s.range.offset + s.range.length);
  }
}
