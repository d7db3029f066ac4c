/**
 * Reading-ease measures for the content, shared by the readability tests and the review pack so that both report
 * the same figures: Flesch–Kincaid US school grade for English (text-readability), Fernández-Huerta for Spanish.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { getSilabas } from 'silabea';

/**
 * Flesch–Kincaid grades from text-readability, one per text. The package is ES modules only (as is its `syllable`
 * dependency), which jest cannot require on Node 20 without a transform, so it runs in a plain Node process.
 */
export function fleschKincaidGrades(texts: string[]): number[] {
  if (texts.length === 0) return [];
  const script = [
    "import readability from 'text-readability';",
    "let input = '';",
    'for await (const chunk of process.stdin) input += chunk;',
    'for (const text of JSON.parse(input)) console.log(readability.fleschKincaidGrade(text));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: resolve(__dirname, '..'),
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const grades = output.trim().split('\n').map(Number);
  if (grades.length !== texts.length || !grades.every(Number.isFinite)) {
    throw new Error(`text-readability gave ${grades.length} grades for ${texts.length} texts: ${output}`);
  }
  return grades;
}

/**
 * Fernández-Huerta, the Spanish adaptation of Flesch reading ease: 206.84 - 0.60 P - 1.02 F, with P
 * syllables and F sentences per 100 words. 70 and above reads as fairly easy (about grade 7), 80 and
 * above as easy.
 */
export function fernandezHuerta(text: string): number {
  const words = text.match(/[\p{L}]+/gu) ?? [];
  const sentences = Math.max(1, (text.match(/[.!?]+/g) ?? []).length);
  const syllables = words.reduce((sum, word) => sum + Math.max(1, getSilabas(word.toLowerCase()).numeroSilaba), 0);
  return 206.84 - 0.6 * ((syllables / words.length) * 100) - 1.02 * ((sentences / words.length) * 100);
}
