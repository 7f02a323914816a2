/**
 * The playground's state and the engine's answer for it: one place that holds both, re-runs the engine
 * when the files change (debounced while typing) and hands the state to the host to keep (debounced).
 */
import { debounce } from './dom';
import { analyze, type Analysis, type PlaygroundState } from './engine';

export interface Timings {
  /** ms from navigation start until the editors accepted input with markers shown. */
  interactive?: number;
  lastAnalysisMs?: number;
}

export class Session {
  state: PlaygroundState;
  analysis: Analysis;
  readonly timings: Timings = {};
  /** Typing: the engine runs once the keystrokes pause. */
  readonly analyzeSoon = debounce(() => this.reanalyze(), 150);
  readonly persistSoon = debounce(() => this.persist(this.snapshot()), 300);

  constructor(
    initial: PlaygroundState,
    private readonly persist: (state: PlaygroundState) => void,
    /** Called after every analysis, to render it. */
    private readonly analyzed: () => void,
  ) {
    this.state = structuredClone(initial);
    this.analysis = analyze(this.state.files, this.state.extra, this.state.parameters);
  }

  reanalyze(): void {
    const started = performance.now();
    this.analysis = analyze(this.state.files, this.state.extra, this.state.parameters);
    this.timings.lastAnalysisMs = Math.round((performance.now() - started) * 10) / 10;
    this.analyzed();
    this.persistSoon();
  }

  /** A copy of the state: what is shared, persisted or handed to the page's API. */
  snapshot(): PlaygroundState {
    return structuredClone(this.state);
  }
}
