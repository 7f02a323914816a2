import { strict as assert } from 'node:assert';
import { fixesAt, LanguageService, lintPolicyText, PolicyDocument, type EditorDocument, type VersionedText } from '../../analyzer';

const policy = (resource: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Own', Effect: 'Allow', Action: 'iot:Subscribe', Resource: resource }] }, null, 2);
const open = (text: string, version: number, uri = 'file:///p.iot.json'): VersionedText & { reads: number } => {
  const document = { uri, version, reads: 0, getText: () => (document.reads++, text) };
  return document;
};

describe('editor language service: one document object per document version', () => {
  it('parses a version once: every hover, completion and statement of it is served from the same object', () => {
    const service = new LanguageService();
    const text = policy('arn:aws:iot:us-east-1:123456789012:topic/a');
    const v1 = open(text, 1);
    const first = service.document(v1);
    assert.equal(service.document(v1), first);
    assert.equal(v1.reads, 1, 'the text is read once per version');
    assert.match(first.hover(text.indexOf('iot:Subscribe') + 1)!.markdown, /\*\*iot:Subscribe\*\*/);
    assert.equal(first.statements.length, 1);
    assert.equal(first.statementAt(text.indexOf('"Own"'))?.sid?.value, 'Own');
    assert.equal(first.statementAt(0), undefined);
  });

  it('answers a new version from a new object, with offsets into that version', () => {
    const service = new LanguageService();
    const before = policy('arn:aws:iot:us-east-1:123456789012:topic/a');
    const after = `\n\n${before}`;
    const old = service.document(open(before, 1));
    const current = service.document(open(after, 2));
    assert.notEqual(current, old);
    const hover = current.hover(after.indexOf('iot:Subscribe') + 1)!;
    assert.equal(after.slice(hover.offset, hover.offset + hover.length), '"iot:Subscribe"');
    assert.equal(service.document(open(after, 2)), current);
  });

  it('keeps at most its capacity of documents, dropping the least recently used', () => {
    const service = new LanguageService(undefined, 2);
    const a = service.document(open('{}', 1, 'a'));
    const b = service.document(open('{}', 1, 'b'));
    service.document(open('{}', 1, 'a'));
    service.document(open('{}', 1, 'c'));
    assert.equal(service.document(open('{}', 1, 'a')), a);
    assert.notEqual(service.document(open('{}', 1, 'b')), b);
  });

  it('takes another kind of document through its factory (a source-mapped template, say)', () => {
    const made: string[] = [];
    const service = new LanguageService((text) => {
      made.push(`${text.uri}@${text.version}`);
      return new PolicyDocument(text.uri, text.version, text.getText());
    });
    const document: EditorDocument = service.document(open('{}', 7, 'template.yaml'));
    assert.equal(document.version, 7);
    assert.deepEqual(made, ['template.yaml@7']);
  });

  it('completes while the user types, in a document not closed yet', () => {
    const text = '{ "Statement": [ { "Effect": "Allow", "Action": "iot:Pu"';
    const completions = new PolicyDocument('u', 1, text).completions(text.length - 1)!;
    assert.ok(completions.items.some((i) => i.label === 'iot:Publish'));
    assert.equal(text.slice(completions.replace.offset, completions.replace.offset + completions.replace.length), 'iot:Pu');
  });
});

describe('fixesAt', () => {
  const text = policy('arn:aws:iot:us-east-1:123456789012:topic/users/*');
  const findings = lintPolicyText(text, 'p.iot.json', { kind: 'iot' }).findings;
  const arn = text.indexOf('arn:aws');

  it('offers the fixes of findings that touch the span, with offsets into the same text', () => {
    const [fixable] = fixesAt(findings, { offset: arn + 3, length: 0 });
    assert.equal(fixable.ruleId, 'resource-type-mismatch');
    const [edit] = fixable.fix.edits;
    assert.equal(text.slice(edit.range.offset, edit.range.offset + edit.range.length), '"arn:aws:iot:us-east-1:123456789012:topic/users/*"');
    assert.equal(edit.newText, '"arn:aws:iot:us-east-1:123456789012:topicfilter/users/*"');
  });

  it('offers nothing away from the finding', () => {
    assert.deepEqual(fixesAt(findings, { offset: text.indexOf('"Version"'), length: 3 }), []);
  });
});
