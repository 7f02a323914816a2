import { strict as assert } from 'node:assert';
import { collectPages, MAX_PAGES } from '../../aws/call';
import { AwsOperationError } from '../../aws/errors';

/** A list whose page n (from 0) holds [n] and points to next(n). */
const pages = (next: (n: number) => string | undefined) => {
  const requested: Array<string | undefined> = [];
  const fetchPage = async (marker: string | undefined) => {
    requested.push(marker);
    const n = marker === undefined ? 0 : Number(marker);
    return { items: [n], next: next(n) };
  };
  return { requested, fetchPage };
};

async function rejection(work: Promise<unknown>): Promise<AwsOperationError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AwsOperationError);
    return error;
  }
  assert.fail('expected the list to be refused');
}

describe('collectPages', () => {
  it('collects every page until there is no marker', async () => {
    const list = pages((n) => (n < 3 ? `${n + 1}` : undefined));
    assert.deepEqual(await collectPages('ListThings', 'x', list.fetchPage), [0, 1, 2, 3]);
    assert.deepEqual(list.requested, [undefined, '1', '2', '3']);
  });

  it('stops at a marker it was already given, even one that came several pages earlier', async () => {
    const list = pages((n) => `${n < 3 ? n + 1 : 1}`);
    const error = await rejection(collectPages('ListThings', 'role r', list.fetchPage));
    assert.equal(error.code, 'RepeatedPageMarker');
    assert.ok(error.unusableReply);
    assert.equal(
      error.message,
      'ListThings for role r returned a page marker it had already returned (after 4 pages): the list loops, so it cannot be trusted',
    );
    assert.deepEqual(list.requested, [undefined, '1', '2', '3']);
  });

  it(`stops after ${MAX_PAGES} pages of new markers`, async () => {
    const list = pages((n) => `${n + 1}`);
    const error = await rejection(collectPages('ListThings', 'role r', list.fetchPage));
    assert.equal(error.code, 'TooManyPages');
    assert.ok(error.unusableReply);
    assert.equal(list.requested.length, MAX_PAGES);
  });

  it('explains an SDK error in plain words', async () => {
    const error = await rejection(
      collectPages('ListAttachedPolicies', 'target', async () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))),
    );
    assert.match(error.message, /^ListAttachedPolicies was refused: the caller lacks permission iot:ListAttachedPolicies on target/);
    assert.equal(error.unusableReply, false);
  });
});
