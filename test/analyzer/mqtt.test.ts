import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { filterMatchesTopic, topicFilterProblem, topicNameProblem } from '../../analyzer';

/**
 * Reference MQTT 3.1.1 matching, built differently from the engine: the filter is translated to a regular
 * expression (`+` → one level, trailing `#` → "this level and everything below, including the parent").
 */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function referenceMatch(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const levels = filter.split('/');
  const multi = levels[levels.length - 1] === '#';
  const fixed = (multi ? levels.slice(0, -1) : levels).map((level) => (level === '+' ? '[^/]*' : escape(level)));
  let source: string;
  if (!multi) source = `^${fixed.join('/')}$`;
  else if (fixed.length === 0) source = '^[\\s\\S]*$';
  else source = `^${fixed.join('/')}(?:/[\\s\\S]*)?$`;
  return new RegExp(source).test(topic);
}

/** Reference validity of a topic filter: levels are `+`, or free of `+`/`#`; only the last may be `#`. */
function referenceFilterValid(filter: string): boolean {
  if (filter.length === 0 || filter.includes('\u0000')) return false;
  return /^(?:(?:\+|[^/+#]*)\/)*(?:\+|#|[^/+#]*)$/.test(filter);
}

const topicLevelArb = fc.constantFrom('', 'a', 'A', 'b', 'ab', '$a', 'a:b');
const topicArb = fc
  .tuple(fc.constantFrom('a', 'b', '', '$aws', '$SYS', 'sensors'), fc.array(topicLevelArb, { maxLength: 4 }))
  .map(([first, rest]) => [first, ...rest].join('/'))
  // The empty string is not a topic name (topicNameProblem); filterMatchesTopic refuses invalid input.
  .filter((topic) => topic !== '');
const filterLevelArb = fc.constantFrom('', 'a', 'A', 'b', '+', '$aws', 'sensors', 'a:b');
const filterArb = fc
  .tuple(fc.array(filterLevelArb, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([levels, hash]) => (hash ? [...levels, '#'] : levels).join('/'))
  .chain((filter) => fc.constantFrom(filter || '/', '#', `+/${filter}`));

describe('MQTT topic filters (MQTT 3.1.1 as the AWS IoT broker reads it)', () => {
  describe('filterMatchesTopic', () => {
    it('`#` matches the parent level and everything below it', () => {
      assert.equal(filterMatchesTopic('a/#', 'a'), true);
      assert.equal(filterMatchesTopic('a/#', 'a/b'), true);
      assert.equal(filterMatchesTopic('a/#', 'a/b/c/d'), true);
      assert.equal(filterMatchesTopic('a/#', 'ab'), false);
      assert.equal(filterMatchesTopic('a/#', 'b/a'), false);
      assert.equal(filterMatchesTopic('#', 'anything/at/all'), true);
      assert.equal(filterMatchesTopic('#', '/'), true);
    });

    it('`+` matches exactly one level, which may be empty', () => {
      assert.equal(filterMatchesTopic('sport/+', 'sport/tennis'), true);
      assert.equal(filterMatchesTopic('sport/+', 'sport/tennis/player1'), false);
      assert.equal(filterMatchesTopic('sport/+', 'sport'), false);
      assert.equal(filterMatchesTopic('sport/+', 'sport/'), true);
      assert.equal(filterMatchesTopic('+/+', '/finance'), true);
      assert.equal(filterMatchesTopic('/+', '/finance'), true);
      assert.equal(filterMatchesTopic('+', '/finance'), false);
      assert.equal(filterMatchesTopic('users/+/out', 'users/us-east-1:abc/out'), true);
      assert.equal(filterMatchesTopic('users/+/out', 'users/a/b/out'), false);
    });

    it('empty levels are levels: `a//b` is three levels', () => {
      assert.equal(filterMatchesTopic('a//b', 'a//b'), true);
      assert.equal(filterMatchesTopic('a/+/b', 'a//b'), true);
      assert.equal(filterMatchesTopic('a/b', 'a//b'), false);
      assert.equal(filterMatchesTopic('a/b/', 'a/b'), false);
    });

    it('exact filters compare levels case-sensitively', () => {
      assert.equal(filterMatchesTopic('Room/1', 'room/1'), false);
      assert.equal(filterMatchesTopic('room/1', 'room/1'), true);
    });

    it('filters starting with a wildcard do not match `$` topics; filters naming `$aws` do', () => {
      assert.equal(filterMatchesTopic('#', '$SYS/broker'), false);
      assert.equal(filterMatchesTopic('+/things/lamp/shadow/update', '$aws/things/lamp/shadow/update'), false);
      assert.equal(filterMatchesTopic('+/monitor/Clients', '$SYS/monitor/Clients'), false);
      assert.equal(filterMatchesTopic('$SYS/#', '$SYS/monitor/Clients'), true);
      assert.equal(filterMatchesTopic('$SYS/monitor/+', '$SYS/monitor/Clients'), true);
      assert.equal(filterMatchesTopic('$aws/things/+/shadow/update', '$aws/things/lamp/shadow/update'), true);
      // A `$` in a later level is ordinary.
      assert.equal(filterMatchesTopic('#', 'a/$b'), true);
      assert.equal(filterMatchesTopic('a/+', 'a/$b'), true);
    });
  });

  describe('topicFilterProblem', () => {
    it('accepts valid filters', () => {
      for (const filter of ['#', '+', '+/+', 'a/+/#', '/', '//', 'a//b', '$aws/things/+/shadow/#', 'sport/tennis/player1', '/+']) {
        assert.equal(topicFilterProblem(filter), undefined, filter);
      }
    });

    it('rejects an empty filter and the null character', () => {
      assert.equal(topicFilterProblem(''), 'a topic filter cannot be empty');
      assert.equal(topicFilterProblem('a/\u0000'), 'a topic filter cannot contain the null character');
    });

    it('requires `#` to be a whole level and the last one', () => {
      for (const filter of ['a/#/b', 'a#', '#a', 'a/b#', '#/#', 'a/#/']) {
        assert.equal(topicFilterProblem(filter), `in "${filter}", "#" must be a whole level and the last one`, filter);
      }
    });

    it('requires `+` to be a whole level', () => {
      for (const filter of ['a+', '+a', 'a/b+/c', 'a/++']) {
        assert.equal(topicFilterProblem(filter), `in "${filter}", "+" must be a whole level`, filter);
      }
    });
  });

  describe('topicNameProblem', () => {
    it('accepts topic names, including `$` topics and empty levels', () => {
      for (const topic of ['a', '/', 'a//b', '$aws/things/lamp/shadow/update', 'users/us-east-1:0a1b/telemetry']) {
        assert.equal(topicNameProblem(topic), undefined, topic);
      }
    });

    it('rejects empty names, wildcards and the null character', () => {
      assert.equal(topicNameProblem(''), 'a topic name cannot be empty');
      assert.equal(topicNameProblem('a/+/b'), '"a/+/b" contains an MQTT wildcard; topic names to publish to cannot');
      assert.equal(topicNameProblem('a/#'), '"a/#" contains an MQTT wildcard; topic names to publish to cannot');
      assert.equal(topicNameProblem('a\u0000b'), 'a topic name cannot contain the null character');
    });
  });

  describe('invalid input', () => {
    it('never matches: wildcards in the topic, misplaced wildcards in the filter, empty strings', () => {
      assert.equal(filterMatchesTopic('a/#/b', 'a/x/b'), false);
      assert.equal(filterMatchesTopic('a/+', 'a/+'), false);
      assert.equal(filterMatchesTopic('', ''), false);
      assert.equal(filterMatchesTopic('#', ''), false);
    });
  });

  describe('properties against a reference', () => {
    it('filterMatchesTopic agrees with a regular-expression reference on random valid filters and topics', () => {
      fc.assert(
        fc.property(filterArb, topicArb, (filter, topic) => {
          assert.equal(topicFilterProblem(filter), undefined, filter);
          assert.equal(filterMatchesTopic(filter, topic), referenceMatch(filter, topic), `filter ${filter} topic ${topic}`);
        }),
        { numRuns: 3000 },
      );
    });

    it('a filter derived from a topic (levels → `+`, tail → `#`) matches it unless it starts with a wildcard and the topic with `$`', () => {
      fc.assert(
        fc.property(topicArb, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.nat(6), fc.boolean(), (topic, plus, cut, hash) => {
          const levels = topic.split('/').map((level, i) => (plus[i % plus.length] ? '+' : level));
          const filter = hash ? [...levels.slice(0, Math.min(cut, levels.length)), '#'].join('/') : levels.join('/');
          const startsWithWildcard = filter.startsWith('+') || filter.startsWith('#');
          assert.equal(filterMatchesTopic(filter, topic), !(topic.startsWith('$') && startsWithWildcard), `filter ${filter} topic ${topic}`);
        }),
        { numRuns: 2000 },
      );
    });

    it('topicFilterProblem accepts exactly the filters the reference grammar accepts', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('a', 'A', '/', ':', '+', '#', '$'), { maxLength: 8 }).map((cs) => cs.join('')),
          (filter) => {
            assert.equal(topicFilterProblem(filter) === undefined, referenceFilterValid(filter), JSON.stringify(filter));
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('topicNameProblem rejects exactly the names with a wildcard (or empty)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('a', 'A', '/', ':', '+', '#', '$'), { maxLength: 8 }).map((cs) => cs.join('')),
          (topic) => {
            const expectedValid = topic.length > 0 && !topic.includes('+') && !topic.includes('#');
            assert.equal(topicNameProblem(topic) === undefined, expectedValid, JSON.stringify(topic));
          },
        ),
        { numRuns: 2000 },
      );
    });
  });
});
