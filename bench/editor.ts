import { hoverAt, LanguageService } from '../analyzer';

type Timed = (run: () => number) => { perSecond: number };

/** A policy of 60 statements (about 20 KB), the size where re-parsing on every hover starts to show. */
function largePolicy(): string {
  const statements = Array.from({ length: 60 }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: ['iot:Publish', 'iot:Receive'],
    Resource: [`arn:aws:iot:us-east-1:123456789012:topic/app/users/\${cognito-identity.amazonaws.com:sub}/t${i}/*`],
    Condition: { StringEquals: { 'iot:ClientId': '${cognito-identity.amazonaws.com:sub}' } },
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** Hovers on one document version: parsed per request (hoverAt) against the language service's document object. */
export function editorBenchmark(timed: Timed, format: (n: number) => string): void {
  const text = largePolicy();
  const offsets = [...text.matchAll(/iot:Receive|arn:aws|StringEquals/g)].map((m) => m.index + 2);
  const perRequest = timed(() => {
    for (const offset of offsets) hoverAt(text, offset);
    return offsets.length;
  });
  const service = new LanguageService();
  const document = { uri: 'file:///bench.iot.json', version: 1, getText: () => text };
  const cached = timed(() => {
    for (const offset of offsets) service.document(document).hover(offset);
    return offsets.length;
  });
  console.log(
    `editor hovers on one ${format(text.length)}-character policy: ${format(perRequest.perSecond)}/s parsing per request, ${format(cached.perSecond)}/s from the language service's document object`,
  );
}
