/** The page header: the title, the sample picker, "Copy share link" and the two status lines. */
import { h } from './dom';
import type { SampleSet } from './samples';

export interface HeaderOptions {
  kind: 'web' | 'vscode';
  samples: readonly SampleSet[];
  /** Picking a sample. */
  loadSample(set: SampleSet): void;
  /** Web only: the shareable URL for the current state. */
  share?(): Promise<string>;
}

export class Header {
  readonly element: HTMLElement;
  private readonly shareStatus = h('span', { className: 'lens-share-status', id: 'lens-share-status', role: 'status' });
  private readonly shareInput = h('input', { className: 'lens-share-url', id: 'lens-share-url', readonly: true, 'aria-label': 'Share link', hidden: true });
  private readonly engineStatus = h('span', { className: 'lens-engine-status', id: 'lens-engine-status' });

  constructor(private readonly options: HeaderOptions) {
    const sampleSelect = h(
      'select',
      { id: 'lens-sample', 'aria-label': 'Load a sample' },
      h('option', { value: '' }, 'Load a sample…'),
      ...options.samples.map((s) => h('option', { value: s.id }, s.label)),
    );
    sampleSelect.addEventListener('change', () => {
      const set = options.samples.find((s) => s.id === sampleSelect.value);
      sampleSelect.value = '';
      if (!set) return;
      options.loadSample(set);
      this.shareStatus.textContent = `Loaded ${set.label}.`;
    });
    this.element = h(
      'header',
      { className: 'lens-header' },
      h('h1', {}, 'IoT Policy Lens ', h('span', {}, options.kind === 'web' ? 'playground' : 'simulator')),
      options.samples.length > 0 && sampleSelect,
      options.share && h('button', { id: 'lens-share', type: 'button', onclick: () => void this.share() }, 'Copy share link'),
      options.share && this.shareInput,
      this.shareStatus,
      this.engineStatus,
    );
  }

  /** "ready", "checked in 3.2 ms". */
  engine(text: string): void {
    this.engineStatus.textContent = text;
  }

  private async share(): Promise<void> {
    if (!this.options.share) return;
    const url = await this.options.share();
    this.shareInput.value = url;
    this.shareInput.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      this.shareStatus.textContent = 'Link copied.';
    } catch {
      this.shareInput.select();
      this.shareStatus.textContent = 'Copy the link from the box.';
    }
  }
}
