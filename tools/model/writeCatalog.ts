/**
 * `npm run build`, before the type check: the content index the skill imports (lambda/src/content/catalog.ts),
 * and the whole language sources for the model generator (tools/model/sources.ts).
 */
import { catalogSource, sourcesSource } from './catalog';
import { catalogFile, fail, sourcesFile, write } from './write';

try {
  write(catalogFile, catalogSource());
  write(sourcesFile, sourcesSource());
} catch (error) {
  fail(error);
}
