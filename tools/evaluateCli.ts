/** Prints the understanding figures for a corpus: node build/evaluate.js dev|test [--failures] */
import { setLogSink } from '../lambda/src/log';
import { evaluate, readSet, summarise, table } from './evaluate';

async function main(): Promise<void> {
  setLogSink(() => undefined);
  const set = process.argv[2] === 'test' ? 'test' : 'dev';
  const results = await evaluate(readSet(set));
  for (const language of ['en', 'es'])
    process.stdout.write(
      `${table(`${set} ${language}`, summarise(results.filter((result) => result.locale.startsWith(language))))}\n`,
    );
  if (process.argv.includes('--failures')) {
    for (const result of results.filter((item) => !item.right))
      process.stdout.write(`${result.locale}\t${result.expected.join('|')}\t${result.answer}\t${result.utterance}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
