/** `npm run build`, before the type check: the content index the skill imports (lambda/src/content/catalog.ts). */
import { catalogSource } from './catalog';
import { catalogFile, fail, write } from './write';

try {
  write(catalogFile, catalogSource());
} catch (error) {
  fail(error);
}
