import { strict as assert } from 'node:assert';
import { decodeUtf8, firstInvalidUtf8 } from '../../cli/decode-text';

describe('strict UTF-8 decoding', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('finds the first byte that is not well-formed UTF-8 (RFC 3629)', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('héllo €𝄞')), Buffer.byteLength('héllo €𝄞'), 'valid text has none');
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xe9, 0x62)), 1, 'Latin-1 é');
    assert.equal(firstInvalidUtf8(bytes(0xc0, 0xaf)), 0, 'overlong "/"');
    assert.equal(firstInvalidUtf8(bytes(0xe0, 0x80, 0xaf)), 0, 'overlong three-byte form');
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xed, 0xa0, 0x80)), 1, 'a UTF-16 surrogate');
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0, 'beyond U+10FFFF');
    assert.equal(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82)), 2, 'truncated at the end');
  });

  it('reports the line and column (in characters) of invalid bytes, and names UTF-16', () => {
    assert.deepEqual(decodeUtf8(Buffer.concat([Buffer.from('{\n  "é": "'), bytes(0xff)])), {
      problem: 'invalid UTF-8 (byte 0xff at byte offset 11); save the file as UTF-8',
      at: { line: 2, column: 9 },
    });
    assert.match((decodeUtf8(bytes(0xfe, 0xff, 0, 0x7b)) as { problem: string }).problem, /^UTF-16 text/);
    assert.deepEqual(decodeUtf8(Buffer.from('{"a": "é"}')), { text: '{"a": "é"}' });
  });
});
