/**
 * The finite alphabet the prover's automata read. Strings are sequences of UTF-16 code units (as the
 * evaluator's `?` counts them); code units are grouped into classes that no pattern can tell apart:
 *
 * - every character written literally in a pattern in play is a class of its own;
 * - MQTT's `/`, `+`, `#`, `$` and the identity-ID separator `:` are always classes of their own;
 * - the remaining characters fall into three classes by how identity IDs use them: `[0-9a-f-]`
 *   (region and UUID characters), `[A-Zg-z_]` (region-only characters) and everything else.
 *
 * Two strings that differ only by characters of the same class are matched alike by every pattern, so a
 * word over classes stands exactly for the strings it spells. Symbolic letters (σ) stand for the values of
 * identity variables; see `symbolic.ts` for why that is sound.
 */

/** How a character class takes part in an identity ID `[A-Za-z0-9_-]+ ':' [0-9a-f-]+`. */
export type IdRole = 'region-and-uuid' | 'region-only' | 'colon' | 'none';

export interface Letter {
  readonly index: number;
  readonly kind: 'char' | 'symbol';
  /** A character of the class, used to spell concrete strings (chars only). */
  readonly representative: string;
  /** Symbols: what the letter stands for (e.g. `A` for identity A's ID). */
  readonly symbol?: string;
  readonly idRole: IdRole;
  /** For messages: the class's characters. */
  readonly label: string;
}

const HEX_DASH = '0123456789abcdef-';
const REGION_ONLY_PREFERRED = 'xyzqwkjvutsrponmlihgXYZQWKJVUTSRPONMLIHGFEDCBA_';
const OTHER_PREFERRED = '.~!@%^&()=,;|<>[]{}\'"`\\ ';

function isHexDash(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || code === 45;
}

function isRegionOnly(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 103 && code <= 122) || code === 95;
}

/** Whether an identity ID `[A-Za-z0-9_-]+:[0-9a-f-]+` can contain the character. */
export function isIdCharacter(code: number): boolean {
  return isHexDash(code) || isRegionOnly(code) || code === 58;
}

function roleOfChar(code: number): IdRole {
  if (code === 58) return 'colon';
  if (isHexDash(code)) return 'region-and-uuid';
  if (isRegionOnly(code)) return 'region-only';
  return 'none';
}

const ALWAYS_SEPARATE = ['/', '+', '#', '$', ':'];

export class Alphabet {
  readonly letters: Letter[] = [];
  /** Letters in the order searches try them (symbols first, readable characters next). */
  readonly searchOrder: number[];
  readonly charLetters: number[] = [];
  readonly symbolLetters: number[] = [];
  readonly slash: number;
  readonly plus: number;
  readonly hash: number;
  readonly dollar: number;
  private readonly singletons = new Map<number, number>();
  private readonly remainder: { hexDash: number; regionOnly: number; other: number };
  private readonly symbols = new Map<string, number>();

  /**
   * @param literalTexts every literal text of every pattern in play (policy resources, property patterns,
   *   variable defaults); their characters become classes of their own
   * @param symbolNames the symbolic letters (identity IDs and other opaque variable values)
   */
  constructor(literalTexts: Iterable<string>, symbolNames: readonly string[]) {
    const literal = new Set<number>();
    for (const text of literalTexts) for (let i = 0; i < text.length; i++) literal.add(text.charCodeAt(i));
    for (const ch of ALWAYS_SEPARATE) literal.add(ch.charCodeAt(0));
    for (const name of symbolNames) this.addSymbol(name);
    // `fits`: characters past the preferred ones that may stand for the class (none for ID characters: all are ASCII).
    const pick = (preferred: string, fits?: (code: number) => boolean): string | undefined => {
      for (const ch of preferred) if (!literal.has(ch.charCodeAt(0))) return ch;
      if (fits) for (let code = 0xa1; code < 0xd800; code++) if (fits(code) && !literal.has(code)) return String.fromCharCode(code);
      return undefined;
    };
    const regionOnly = pick(REGION_ONLY_PREFERRED);
    const hexDash = pick(HEX_DASH);
    const other = pick(OTHER_PREFERRED, (code) => !isIdCharacter(code));
    this.remainder = {
      regionOnly: regionOnly === undefined ? -1 : this.addChar(regionOnly, 'region-only', 'any other letter or _'),
      hexDash: hexDash === undefined ? -1 : this.addChar(hexDash, 'region-and-uuid', 'any other of 0-9 a-f -'),
      other: -1,
    };
    for (const code of [...literal].sort((a, b) => a - b)) {
      const ch = String.fromCharCode(code);
      this.singletons.set(code, this.addChar(ch, roleOfChar(code), JSON.stringify(ch)));
    }
    this.remainder.other = other === undefined ? -1 : this.addChar(other, 'none', 'any other character');
    this.slash = this.singletons.get(47)!;
    this.plus = this.singletons.get(43)!;
    this.hash = this.singletons.get(35)!;
    this.dollar = this.singletons.get(36)!;
    this.searchOrder = [...this.symbolLetters, ...this.charLetters];
  }

  get size(): number {
    return this.letters.length;
  }

  private addSymbol(name: string): number {
    const index = this.letters.length;
    this.letters.push({ index, kind: 'symbol', representative: '', symbol: name, idRole: 'none', label: `<${name}>` });
    this.symbolLetters.push(index);
    this.symbols.set(name, index);
    return index;
  }

  private addChar(representative: string, idRole: IdRole, label: string): number {
    const index = this.letters.length;
    this.letters.push({ index, kind: 'char', representative, idRole, label });
    this.charLetters.push(index);
    return index;
  }

  symbol(name: string): number {
    const found = this.symbols.get(name);
    if (found === undefined) throw new Error(`no symbol ${name} in this alphabet`);
    return found;
  }

  hasSymbol(name: string): boolean {
    return this.symbols.has(name);
  }

  isSymbol(letter: number): boolean {
    return this.letters[letter].kind === 'symbol';
  }

  /** The class of one UTF-16 code unit. */
  charLetter(code: number): number {
    const single = this.singletons.get(code);
    if (single !== undefined) return single;
    const letter = isHexDash(code) ? this.remainder.hexDash : isRegionOnly(code) ? this.remainder.regionOnly : this.remainder.other;
    if (letter === -1) throw new Error(`character ${code} has no class`);
    return letter;
  }

  /** The letters spelling a concrete string. */
  word(text: string): number[] {
    const letters: number[] = [];
    for (let i = 0; i < text.length; i++) letters.push(this.charLetter(text.charCodeAt(i)));
    return letters;
  }

  /** A concrete string for a word: characters by their representative, symbols by `values`. */
  spell(word: readonly number[], values: Readonly<Record<string, string>>): string {
    let text = '';
    for (const letter of word) {
      const entry = this.letters[letter];
      if (entry.kind === 'char') text += entry.representative;
      else {
        const value = values[entry.symbol!];
        if (value === undefined) throw new Error(`no value for symbol ${entry.symbol}`);
        text += value;
      }
    }
    return text;
  }

  /** A readable rendering of a word, symbols shown as `<name>`. */
  show(word: readonly number[], names: Readonly<Record<string, string>> = {}): string {
    return word
      .map((l) => (this.letters[l].kind === 'char' ? this.letters[l].representative : `<${names[this.letters[l].symbol!] ?? this.letters[l].symbol}>`))
      .join('');
  }
}
