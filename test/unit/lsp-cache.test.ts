import * as assert from 'node:assert/strict';
import { DocumentCache } from '../../server/src/lsp/cache';
import { parseScenario } from '../../server/src/service/syntax/parse';

// The server keeps the newest parse of each document only: a parse of a 50,000-step scenario is about
// 130 MB, and older revisions (after whole-text changes) are never read again.

describe('server document cache', () => {
  it('keeps one parse per document, the newest', () => {
    const cache = new DocumentCache();
    const parse = (text: string) => () => parseScenario('mem://a.scenario.yaml', text, 1);
    const first = cache.get('mem://a', 1, parse('callflow: 1\n'));
    assert.equal(
      cache.get('mem://a', 1, parse('unused')),
      first,
      'the same revision is served from the cache',
    );
    for (let revision = 2; revision <= 40; revision++)
      cache.get('mem://a', revision, parse(`id: r${revision}\n`));
    cache.get('mem://b', 1, parse('callflow: 1\n'));
    assert.equal(cache.size, 2);
    assert.equal(cache.take('mem://a', 39), undefined, 'an older revision is gone');
    assert.equal(cache.take('mem://a', 40)?.doc.text, 'id: r40\n');
  });
});
