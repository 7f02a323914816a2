import type { MessageData } from './rule';

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/** Fills a message template's `{{name}}` placeholders; one without data stays as written, so a test can catch it. */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : placeholder));
}

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
