/**
 * Measures understanding on labelled corpora (tests/corpus/<set>/<locale>*.tsv, LABEL<TAB>UTTERANCE):
 * each line is said after a launch, in a session of its own, through the simulator, and what
 * answered is compared with the label. The dev set may inform the language source; the test set
 * never does, and none of its lines may be a sample of any model.
 *
 *   node build/evaluate.js dev|test [--failures]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Conversation, type Handler, type Turn } from './conversation';
import type { Heard } from './hearing';

export interface Line {
  file: string;
  locale: string;
  expected: string[];
  utterance: string;
}

export interface Result extends Line {
  answer: string;
  right: boolean;
}

export const corpusFolder = join(__dirname, '..', 'tests', 'corpus');

/** tests/corpus/<set>/<locale>[-anything].tsv */
export function readSet(set: 'dev' | 'test'): Line[] {
  const folder = join(corpusFolder, set);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.tsv'))
    .sort()
    .flatMap((file) => {
      const locale = file.slice(0, 5);
      return readFileSync(join(folder, file), 'utf8')
        .split('\n')
        .filter((row) => row.trim().length > 0 && !row.startsWith('#'))
        .map((row) => {
          const [label, utterance] = row.split('\t');
          if (utterance === undefined)
            throw new Error(`${set}/${file}: "${row}" has no tab between label and utterance`);
          return { file: `${set}/${file}`, locale, expected: label.split('|'), utterance: utterance.trim() };
        });
    });
}

const rateKeys: Record<string, string> = {
  'rate.slower': 'slower',
  'rate.slowest': 'slower',
  'rate.faster': 'faster',
  'rate.fastest': 'faster',
  'rate.normal': 'normalSpeed',
};

/** What answered, in the corpus's labels. */
export function answerOf(turn: Turn): string {
  const keyed = (pattern: RegExp): string | undefined =>
    turn.keys.map((key) => pattern.exec(key)?.[1]).find((id) => id !== undefined);
  switch (turn.move) {
    case 'emergency':
      return 'report:emergency';
    case 'urgent':
      return 'report:urgent';
    case 'symptom':
      return 'report:mild';
    case 'fact':
      return `fact:${keyed(/^facts\.(\w+)\.text$/) ?? '?'}`;
    case 'section':
      return `section:${turn.topic ?? '?'}`;
    case 'glossary':
      return `glossary:${keyed(/^glossary\.(\w+)\.definition$/) ?? 'unknown'}`;
    case 'rate':
      return `move:${turn.keys.map((key) => rateKeys[key]).find((move) => move !== undefined) ?? 'rate'}`;
    case 'volume':
      return `move:${turn.keys.some((key) => key.startsWith('volume.louder') || key === 'volume.loudest') ? 'louder' : 'softer'}`;
    case 'settings':
      return 'move:forget';
    default:
      return `move:${turn.move ?? 'none'}`;
  }
}

const misheard = new Set(['move:fallback', 'move:unsupported', 'move:error', 'move:none']);

export function isMisheard(answer: string): boolean {
  return misheard.has(answer);
}

/** Whether the answer is one the label allows. Stop and cancel both end the session kindly. */
export function isRight(expected: readonly string[], answer: string): boolean {
  if (expected.includes(answer)) return true;
  if (answer === 'move:stop' && expected.includes('move:cancel')) return true;
  if (expected.includes('not:report')) return !answer.startsWith('report:');
  return false;
}

/** What an NLU heard for a line; the simulator's ears by default. */
export type Ears = (line: Line, conversation: Conversation) => Promise<Heard>;

const simulated: Ears = async (line, conversation) => conversation.resolve(line.utterance);

export async function evaluate(lines: readonly Line[], handler?: Handler, ears: Ears = simulated): Promise<Result[]> {
  const results: Result[] = [];
  for (const line of lines) {
    const conversation = new Conversation(line.locale, handler);
    const turns = await conversation.sayHeard(line.utterance, await ears(line, conversation));
    const answer = answerOf(turns[turns.length - 1]);
    results.push({ ...line, answer, right: isRight(line.expected, answer) });
  }
  return results;
}

export interface Figures {
  lines: number;
  /** Share of lines that got an answer rather than "sorry, I didn't catch that". */
  recall: number;
  /** Share of lines that got the right answer. */
  accuracy: number;
}

function figures(results: readonly Result[]): Figures {
  const lines = results.length;
  const share = (count: number): number => (lines === 0 ? 0 : count / lines);
  return {
    lines,
    recall: share(results.filter((result) => !isMisheard(result.answer)).length),
    accuracy: share(results.filter((result) => result.right).length),
  };
}

export type Family = 'question' | 'move' | 'emergency' | 'urgent' | 'mild';

export function familyOf(line: Line): Family {
  const first = line.expected[0];
  if (first === 'report:emergency') return 'emergency';
  if (first === 'report:urgent') return 'urgent';
  if (first === 'report:mild') return 'mild';
  return first.startsWith('move:') ? 'move' : 'question';
}

export interface Summary {
  all: Figures;
  byFamily: Record<Family, Figures>;
  /** Lines that are not reports but got the emergency answer. */
  falseAlarms: number;
}

export function summarise(results: readonly Result[]): Summary {
  const families: Family[] = ['question', 'move', 'emergency', 'urgent', 'mild'];
  const byFamily = Object.fromEntries(
    families.map((family) => [family, figures(results.filter((result) => familyOf(result) === family))]),
  );
  return {
    all: figures(results),
    byFamily: {
      question: byFamily.question,
      move: byFamily.move,
      emergency: byFamily.emergency,
      urgent: byFamily.urgent,
      mild: byFamily.mild,
    },
    falseAlarms: results.filter(
      (result) => !result.expected.some((label) => label.startsWith('report:')) && result.answer === 'report:emergency',
    ).length,
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

export function table(name: string, summary: Summary): string {
  const rows = [
    `${name}: ${summary.all.lines} lines, recall ${percent(summary.all.recall)}, accuracy ${percent(summary.all.accuracy)}, emergency false alarms ${summary.falseAlarms}`,
  ];
  for (const [family, figure] of Object.entries(summary.byFamily)) {
    rows.push(
      `  ${family.padEnd(9)} ${String(figure.lines).padStart(4)} lines  recall ${percent(figure.recall).padStart(6)}  accuracy ${percent(figure.accuracy).padStart(6)}`,
    );
  }
  return rows.join('\n');
}
