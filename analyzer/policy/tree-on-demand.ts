import type { Node } from 'jsonc-parser';
import type { LineIndex } from '../source/range';
import { parseJsonTree } from './json';
import type { GrammarProblem, Located, ParsedPolicy, ParsedStatement } from './model';

/**
 * A parsed policy that does not keep its JSON syntax tree: compiling and deciding never read it, and it is
 * the larger part of a parsed policy. The few rules that rewrite the document get it, parsed again, on first
 * read. Every policy shares this one class (a getter per policy would give each its own hidden class).
 */
export class PolicyWithTreeOnDemand implements ParsedPolicy {
  readonly file: string;
  readonly text: string;
  version: Located<string> | undefined = undefined;
  statementKey: Located<string> | undefined = undefined;
  statements: ParsedStatement[] = [];
  problems: GrammarProblem[] = [];
  #root: Node | undefined;

  constructor(readonly lines: LineIndex) {
    this.file = lines.file;
    this.text = lines.text;
  }

  get root(): Node | undefined {
    return (this.#root ??= parseJsonTree(this.lines).root);
  }
}
