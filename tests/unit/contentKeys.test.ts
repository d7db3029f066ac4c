/**
 * Content keys are typed at compile time (issue 17): the replies name their keys as `ContentKey`,
 * generated from content/ into lambda/src/content/catalog.ts. Here the type checker runs over the
 * skill's own replies, as they are and with one key misspelt, and must pass the first and refuse the
 * second, at the misspelt key.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const REPLIES = join(ROOT, 'lambda', 'src', 'replies.ts');
const original = readFileSync(REPLIES, 'utf8');

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

const options = compilerOptions();
let previous: ts.Program | undefined;

/** The type errors in replies.ts when its text is `source`. */
function errorsIn(source: string): string[] {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) =>
    resolve(name) === REPLIES ? ts.createSourceFile(name, source, language) : read(name, language, onError);
  const program = ts.createProgram({ rootNames: [REPLIES], options, host, oldProgram: previous });
  previous = program;
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(REPLIES))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** replies.ts with one occurrence of `from` replaced. */
function misspelt(from: string, to: string): string {
  expect(original.split(from)).toHaveLength(2);
  return original.replace(from, to);
}

const TIMEOUT_MS = 120_000;

describe('a content key is checked by the compiler', () => {
  it(
    'the replies as they are type-check',
    () => {
      expect(errorsIn(original)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it.each([
    ['a fixed key', "line('welcome.greeting')", "line('welcome.greting')", 'welcome.greting'],
    [
      'a key built from a section id',
      'line(`sections.${section}.summary`)',
      'line(`sections.${section}.sumary`)',
      'sumary',
    ],
    [
      'a question and its reprompt',
      "ask('help.question', 'help.reprompt')",
      "ask('help.question', 'help.repromt')",
      'help.repromt',
    ],
  ])(
    '%s, misspelt, fails',
    (_kind, from, to, shown) => {
      const errors = errorsIn(misspelt(from, to));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(shown);
      expect(errors[0]).toMatch(/not assignable to parameter of type 'ContentKey'/);
    },
    TIMEOUT_MS,
  );
});
