/**
 * Device shadows as a channel between identities. A shadow is named by a key: the thing name `T`
 * (classic shadow) or `T/N` (named shadow N), the same text the HTTPS shadow API's resource carries
 * after `thing/`. Writing it (an update published to `…/shadow[/name/N]/update`, or UpdateThingShadow)
 * reaches whoever reads it: the Device Shadow service publishes the accepted document to
 * `…/update/accepted`, `…/update/documents` and `…/update/delta`, answers a publish to `…/get` on
 * `…/get/accepted`, and GetThingShadow returns the stored document
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html,
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-rest-api.html).
 */
import type { Alphabet } from './alphabet';
import { TableAutomaton, type Automaton } from './automata';

/** The topic an update is published to. */
export const SHADOW_UPDATE = '/update';
/** The topics the service publishes an accepted update's document to. */
export const SHADOW_UPDATE_REPLIES = ['/update/documents', '/update/accepted', '/update/delta'] as const;
/** A reader's request for the stored document, and the topic the service answers on. */
export const SHADOW_GET = '/get';
export const SHADOW_GET_REPLY = '/get/accepted';

/** A shadow's topic for a key (`T` or `T/N`) as text: `$aws/things/T/shadow[/name/N]<suffix>`. */
export function shadowTopic(key: string, suffix: string): string {
  const slash = key.indexOf('/');
  const named = slash === -1 ? '' : `/name/${key.slice(slash + 1)}`;
  return `$aws/things/${slash === -1 ? key : key.slice(0, slash)}/shadow${named}${suffix}`;
}

/** The same as a word of the alphabet (the key may hold symbolic letters). */
export function shadowTopicWord(alphabet: Alphabet, key: readonly number[], suffix: string): number[] {
  const slash = key.indexOf(alphabet.slash);
  const thing = slash === -1 ? key : key.slice(0, slash);
  const named = slash === -1 ? [] : [...alphabet.word('/name/'), ...key.slice(slash + 1)];
  return [...alphabet.word('$aws/things/'), ...thing, ...alphabet.word('/shadow'), ...named, ...alphabet.word(suffix)];
}

/** Phases of reading a key: in the thing name (empty so far or not), then in the shadow name. */
const THING_EMPTY = 0;
const THING = 1;
const NAME_EMPTY = 2;
const NAME = 3;
const PHASES = 4;
const DEAD = 0;

/**
 * The keys whose shadow topic with the suffix the inner automaton (over topic names) accepts. Keys are
 * thing names and shadow names of the characters AWS allows in them (`[a-zA-Z0-9:_-]`, symbolic letters
 * standing for identity IDs or client IDs), so no key names a topic outside the shadow's.
 */
export class ShadowKeys implements Automaton {
  readonly start: number;
  private readonly slash: number;
  private readonly named: number[];
  private readonly classicEnd: number[];
  private readonly namedEnd: number[];
  private readonly keyLetter: boolean[];

  constructor(
    private readonly topics: Automaton,
    alphabet: Alphabet,
    suffix: string,
  ) {
    this.slash = alphabet.slash;
    this.named = alphabet.word('/shadow/name/');
    this.classicEnd = alphabet.word(`/shadow${suffix}`);
    this.namedEnd = alphabet.word(suffix);
    this.keyLetter = alphabet.letters.map((l) => l.kind === 'symbol' || l.idRole !== 'none');
    this.start = this.encode(this.run(topics.start, alphabet.word('$aws/things/')), THING_EMPTY);
  }

  private run(state: number, word: readonly number[]): number {
    for (const letter of word) state = this.topics.next(state, letter);
    return state;
  }

  private encode(inner: number, phase: number): number {
    return 1 + inner * PHASES + phase;
  }

  next(state: number, letter: number): number {
    if (state === DEAD) return DEAD;
    const inner = Math.floor((state - 1) / PHASES);
    const phase = (state - 1) % PHASES;
    if (this.keyLetter[letter]) return this.encode(this.topics.next(inner, letter), phase === THING_EMPTY ? THING : phase === NAME_EMPTY ? NAME : phase);
    if (letter === this.slash && phase === THING) return this.encode(this.run(inner, this.named), NAME_EMPTY);
    return DEAD;
  }

  accepting(state: number): boolean {
    if (state === DEAD) return false;
    const inner = Math.floor((state - 1) / PHASES);
    const phase = (state - 1) % PHASES;
    if (phase === THING) return this.topics.accepting(this.run(inner, this.classicEnd));
    return phase === NAME && this.topics.accepting(this.run(inner, this.namedEnd));
  }

  dead(state: number): boolean {
    return state === DEAD || this.topics.dead(Math.floor((state - 1) / PHASES));
  }

  universal(): boolean {
    return false;
  }
}

/** Every shadow key: `T` or `T/N` of thing-name characters (to read HTTPS `thing/…` resources as keys). */
export function shadowKeyLanguage(alphabet: Alphabet): Automaton {
  const everything = new TableAutomaton([alphabet.letters.map(() => 0)], [true], [true]);
  return new ShadowKeys(everything, alphabet, '');
}
