/** How the panels name places and resources. */

export function location(file: string, line: number, column: number): string {
  return `${file}:${line}:${column}`;
}

/** `arn:aws:iot:us-east-1:123456789012:topic/a/b` → `topic/a/b` (the full ARN is in the explanation). */
export function shortArn(arn: string): string {
  return arn.replace(/^arn:[^:]*:[^:]*:[^:]*:[^:]*:/, '');
}
