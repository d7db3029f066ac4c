/** `npm run build`: every locale's interaction model, generated from the language source. */
import { join } from 'node:path';
import { locales } from '../../lambda/src/content';
import { buildModel, modelText, problems } from './generate';
import { fail, modelFolder, write } from './write';

try {
  const failures: string[] = [];
  for (const locale of locales) {
    const model = buildModel(locale);
    failures.push(...problems(model).map((problem) => `${locale}: ${problem}`));
    write(join(modelFolder, `${locale}.json`), modelText(model));
  }
  if (failures.length > 0) throw new Error(`the generated models break Amazon's rules:\n${failures.join('\n')}`);
} catch (error) {
  fail(error);
}
