/** Review records: every spoken item has one, and a sign-off holds only for the words that were reviewed. */
import { languages } from '../../tools/content';
import {
  overdue,
  readReviewFile,
  recordProblems,
  reviewScopes,
  spokenItems,
  textHash,
  triagePolicy,
  triageProblems,
  type ReviewFile,
  type ReviewScope,
} from '../../scripts/review/items';

const scopes = reviewScopes();

function scope(folder: string): ReviewScope {
  const found = scopes.find((candidate) => candidate.folder === folder);
  if (found === undefined) throw new Error(`no review scope ${folder}`);
  return found;
}

function fileFor(folder: string): ReviewFile {
  const file = readReviewFile(folder);
  if (file === undefined) throw new Error(`content/${folder}/review.json is missing`);
  return { about: file.about, records: { ...file.records } };
}

describe('the review records in content/', () => {
  it.each(scopes.map((entry): [string, ReviewScope] => [entry.folder, entry]))(
    '%s has a valid record for every spoken item, and no other',
    (folder, entry) => {
      expect(recordProblems(entry, readReviewFile(folder))).toEqual([]);
    },
  );

  it('the triage policy carries its record', () => {
    expect(triageProblems(triagePolicy())).toEqual([]);
  });

  it('covers every kind of spoken item: parts, facts, referrals, glossary, disclaimer, emergency and triage words', () => {
    const keys = spokenItems(languages.en).map((item) => item.key);
    for (const key of [
      'sections.what.summary',
      'sections.after.parts.3',
      'facts.painRelief',
      'facts.referDosing',
      'glossary.prone',
      'disclaimer.short',
      'disclaimer.full.2',
      'emergency.callNow',
      'symptom.text',
      'after.careTeam',
    ]) {
      expect([key, keys.includes(key)]).toEqual([key, true]);
    }
    expect(spokenItems(languages.en).find((item) => item.key === 'facts.referDosing')?.kind).toBe('referral');
  });

  it('gives a region records only for what it words differently (en-GB: British spelling, kilograms)', () => {
    const keys = scope('en-GB')
      .items.map((item) => item.key)
      .sort();
    expect(keys).toEqual([
      'facts.lift',
      'glossary.localAnesthetic',
      'sections.after.parts.4',
      'sections.process.parts.2',
    ]);
    expect(scope('en-GB').locales.sort()).toEqual(['en-AU', 'en-GB', 'en-IN']);
  });
});

describe('what the check catches', () => {
  const en = scope('en');
  const item = en.items.find((candidate) => candidate.key === 'facts.painRelief');
  if (item === undefined) throw new Error('facts.painRelief is not a spoken item');
  const signed = {
    reviewer: 'consultant interventional radiologist',
    date: '2026-12-01',
    nextReview: '2027-12-01',
    textHash: textHash(item.text),
  };

  it('a missing record', () => {
    const file = fileFor('en');
    delete file.records['facts.painRelief'];
    expect(recordProblems(en, file)).toEqual(['content/en/review.json: no review record for facts.painRelief']);
  });

  it('a missing file', () => {
    expect(recordProblems(en, undefined)).toEqual([
      'content/en/review.json is missing: every spoken item needs a review record',
    ]);
  });

  it('accepts a sign-off of the exact words', () => {
    const file = fileFor('en');
    file.records['facts.painRelief'] = signed;
    expect(recordProblems(en, file)).toEqual([]);
  });

  it('words changed after the sign-off', () => {
    const file = fileFor('en');
    file.records['facts.painRelief'] = { ...signed, textHash: textHash(`${item.text} More.`) };
    expect(recordProblems(en, file)).toEqual([
      expect.stringContaining('facts.painRelief changed after it was reviewed'),
    ]);
  });

  it('bad dates, a next review before the review, and no reviewer role', () => {
    const file = fileFor('en');
    file.records['facts.painRelief'] = { ...signed, date: '2026-13-01' };
    file.records['facts.duration'] = {
      ...signed,
      textHash: textHash(en.items.find((candidate) => candidate.key === 'facts.duration')?.text ?? ''),
      nextReview: '2026-01-01',
    };
    file.records['facts.eating'] = {
      ...signed,
      textHash: textHash(en.items.find((candidate) => candidate.key === 'facts.eating')?.text ?? ''),
      reviewer: ' ',
    };
    expect(recordProblems(en, file).sort()).toEqual([
      'content/en/review.json: facts.duration has its next review on or before its review',
      'content/en/review.json: facts.eating names no reviewer role',
      'content/en/review.json: facts.painRelief needs dates as YYYY-MM-DD',
    ]);
  });

  it('a record left for an item that is gone', () => {
    const file = fileFor('en');
    file.records['facts.gone'] = 'unreviewed';
    expect(recordProblems(en, file)).toEqual([
      'content/en/review.json: facts.gone is not a spoken item any more; remove its record',
    ]);
  });

  it('warns, without failing, when a sign-off is past its next review', () => {
    const file = fileFor('en');
    file.records['facts.painRelief'] = signed;
    expect(overdue(file, '2028-01-01')).toEqual(['facts.painRelief (due 2027-12-01)']);
    expect(overdue(file, '2027-01-01')).toEqual([]);
    expect(recordProblems(en, file)).toEqual([]);
  });
});
