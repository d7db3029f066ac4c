/**
 * `npm run build`, before the type check: the content index the skill imports (lambda/src/content/catalog.ts
 * and understood.json), and the whole language sources for the model generator (tools/model/sources.ts).
 */
import { catalogSource, sourcesSource, understoodSource } from './catalog';
import { catalogFile, fail, sourcesFile, understoodFile, write } from './write';

try {
  write(understoodFile, understoodSource());
  write(catalogFile, catalogSource());
  write(sourcesFile, sourcesSource());
} catch (error) {
  fail(error);
}
