/**
 * `npm run durations`: every answer of every locale, timed at the slowest, normal and fastest speech rates, as the
 * seconds a listener waits before the answer's question (or its whole length, when it asks nothing). A time over
 * the limit is marked; the command fails if any is.
 */
import { handler } from '../lambda/src/index';
import { setLogSink } from '../lambda/src/log';
import { locales } from '../lambda/src/content';
import { everyAnswer, limitFor } from './answers';
import { LIMITS, RATE_STEPS } from './duration';

async function main(): Promise<void> {
  setLogSink(() => undefined);
  let over = 0;
  for (const locale of locales) {
    const timed: Map<string, number>[] = [];
    for (const { rate } of RATE_STEPS)
      timed.push(
        new Map(
          (await everyAnswer(handler, locale, rate)).map((answer) => [answer.label, answer.timing.beforeQuestion]),
        ),
      );
    const labels = [...new Set(timed.flatMap((byLabel) => [...byLabel.keys()]))];
    const rows = labels.map((label) => {
      const cells = RATE_STEPS.map(({ rate }, index) => {
        const seconds = timed[index]?.get(label) ?? Number.NaN;
        const isOver = !(seconds <= limitFor(label, rate));
        if (isOver) over += 1;
        return `${seconds.toFixed(1)}${isOver ? ' (over)' : ''}`;
      });
      return `| ${label} | ${cells.join(' | ')} |`;
    });
    const heading = `| answer | ${RATE_STEPS.map(({ label, rate }) => `${label} (${rate}%)`).join(' | ')} |`;
    process.stdout.write(
      `\n## ${locale}: ${labels.length} answers, seconds before the question\n\n${heading}\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
    );
  }
  process.stdout.write(
    `\nLimits: ${LIMITS.turn} s before the question at every rate; the first greeting ${LIMITS.greeting} s at the normal rate. Over: ${over}.\n`,
  );
  if (over > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
