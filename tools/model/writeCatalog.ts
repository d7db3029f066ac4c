/**
 * `npm run build`, before the type check: the content index the skill imports (lambda/src/content/catalog.ts
 * and understood.json), the whole language sources for the model generator (tools/model/sources.ts), and the
 * whole translations for the tests and tools (tools/model/translations.ts).
 */
import { catalogSource, sourcesSource, translationsSource, understoodSource } from './catalog';
import { catalogFile, fail, sourcesFile, translationsFile, understoodFile, write } from './write';

try {
  write(understoodFile, understoodSource());
  write(catalogFile, catalogSource());
  write(sourcesFile, sourcesSource());
  write(translationsFile, translationsSource());
} catch (error) {
  fail(error);
}
