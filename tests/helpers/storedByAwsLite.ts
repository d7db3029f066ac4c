/**
 * Items as the store wrote them through aws-lite (@aws-lite/client 0.24.1, whose vendored copy of the AWS SDK's
 * util-dynamodb `marshall` typed them), before the store had its own client. Each `typed` is that marshall's
 * output for `plain`, copied as printed: the store's own client must write the same and read it back.
 */

/** Preferences as the skill saves them (toStored), with their stamp. */
export const SAVED = {
  plain: {
    id: '0f3c',
    attributes: {
      version: 1,
      rate: 85,
      volume: 'loud',
      lastSection: 'prep',
      lastPart: 2,
      fullDisclaimerHeard: true,
      lastVisit: '2026-01-02',
    },
    stamp: 1767323045000,
    updatedAt: '2026-01-02T03:04:05.000Z',
  },
  typed: {
    id: { S: '0f3c' },
    attributes: {
      M: {
        version: { N: '1' },
        rate: { N: '85' },
        volume: { S: 'loud' },
        lastSection: { S: 'prep' },
        lastPart: { N: '2' },
        fullDisclaimerHeard: { BOOL: true },
        lastVisit: { S: '2026-01-02' },
      },
    },
    stamp: { N: '1767323045000' },
    updatedAt: { S: '2026-01-02T03:04:05.000Z' },
  },
};

/** Every type a JSON value can have (what jsonCopy leaves), nested. */
export const EVERY_TYPE = {
  plain: {
    id: '9a1b',
    attributes: {
      empty: '',
      nothing: null,
      no: false,
      negative: -1.5,
      small: 1.5e-7,
      list: [1, 'two', false, null, { deep: [] }],
      nested: { place: { section: 'risks', part: -1 } },
      none: {},
    },
    stamp: 1767323045000,
    updatedAt: '2026-01-02T03:04:05.000Z',
  },
  typed: {
    id: { S: '9a1b' },
    attributes: {
      M: {
        empty: { S: '' },
        nothing: { NULL: true },
        no: { BOOL: false },
        negative: { N: '-1.5' },
        small: { N: '1.5e-7' },
        list: { L: [{ N: '1' }, { S: 'two' }, { BOOL: false }, { NULL: true }, { M: { deep: { L: [] } } }] },
        nested: { M: { place: { M: { section: { S: 'risks' }, part: { N: '-1' } } } } },
        none: { M: {} },
      },
    },
    stamp: { N: '1767323045000' },
    updatedAt: { S: '2026-01-02T03:04:05.000Z' },
  },
};

/** "Forget my settings": the key and the stamp, nothing else. */
export const TOMBSTONE = {
  plain: { id: '77aa', stamp: 1767323045000, updatedAt: '2026-01-02T03:04:05.000Z' },
  typed: { id: { S: '77aa' }, stamp: { N: '1767323045000' }, updatedAt: { S: '2026-01-02T03:04:05.000Z' } },
};
