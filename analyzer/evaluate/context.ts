/** Request context: condition keys and policy-variable values. Keys are case-insensitive (IAM). */
export type ContextValue = string | readonly string[];

export class RequestContext {
  private readonly values = new Map<string, ContextValue>();
  private readonly names = new Map<string, string>();

  constructor(entries: Iterable<[string, ContextValue]> = []) {
    for (const [key, value] of entries) this.set(key, value);
  }

  set(key: string, value: ContextValue): void {
    const normalized = key.toLowerCase();
    this.values.set(normalized, value);
    this.names.set(normalized, key);
  }

  delete(key: string): void {
    this.values.delete(key.toLowerCase());
    this.names.delete(key.toLowerCase());
  }

  /** Looks up a key already lowercased (the compiled policy lowercases once). */
  getNormalized(normalizedKey: string): ContextValue | undefined {
    return this.values.get(normalizedKey);
  }

  get(key: string): ContextValue | undefined {
    return this.values.get(key.toLowerCase());
  }

  entries(): Array<[string, ContextValue]> {
    return [...this.values].map(([key, value]) => [this.names.get(key)!, value]);
  }

  with(overrides: Iterable<[string, ContextValue]>): RequestContext {
    const copy = new RequestContext(this.entries());
    for (const [key, value] of overrides) copy.set(key, value);
    return copy;
  }
}
