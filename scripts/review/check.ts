/**
 * The build's review check: every spoken item has a review record (content/<folder>/review.json), no signed record
 * is stale, and no record is left for an item that is gone. Exits 1 with one line per problem.
 *
 * `--add-missing` writes "unreviewed" for every item that has no record yet, for content authors adding an item;
 * it never changes an existing record.
 */
import { writeFileSync } from 'node:fs';
import {
  overdue,
  readReviewFile,
  recordProblems,
  reviewPath,
  reviewScopes,
  triagePolicy,
  triageProblems,
  type ReviewFile,
} from './items';

const ABOUT =
  'Review status of every spoken item in this folder, keyed by content key. "unreviewed", or the sign-off of the exact words: ' +
  '{ "reviewer": a role, not a name, "date": YYYY-MM-DD, "nextReview": YYYY-MM-DD, "textHash": the hash the review pack shows for the item, "note": optional }. ' +
  'The build fails if an item has no record, or if its words change after a sign-off. See the README, "Clinical review".';

const addMissing = process.argv.includes('--add-missing');
const today = new Date().toISOString().slice(0, 10);
let failed = false;

for (const scope of reviewScopes()) {
  const existing = readReviewFile(scope.folder);
  if (addMissing && scope.items.length > 0) {
    const file: ReviewFile = { about: existing?.about ?? ABOUT, records: {} };
    for (const item of scope.items) file.records[item.key] = existing?.records[item.key] ?? 'unreviewed';
    writeFileSync(reviewPath(scope.folder), `${JSON.stringify(file, null, 2)}\n`);
  }
  const problems = recordProblems(scope, readReviewFile(scope.folder));
  for (const problem of problems) console.error(`review: ${problem}`);
  failed ||= problems.length > 0;
  const late = overdue(readReviewFile(scope.folder), today);
  if (late.length > 0)
    console.warn(`review: warning: content/${scope.folder} has sign-offs past their next review: ${late.join(', ')}`);
}

for (const problem of triageProblems(triagePolicy())) {
  console.error(`review: ${problem}`);
  failed = true;
}

if (failed) {
  console.error(
    'review: every spoken item needs a review record; run `node build/check-review.js --add-missing` to add "unreviewed" ones',
  );
  process.exit(1);
}
