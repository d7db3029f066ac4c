/**
 * `bst test`, the route `npm test` runs the YAML conversations by: its exit code tells the truth, offline.
 *
 * Each run here is the real bst, with the project's testing.json, on copies of the suites in a temporary folder
 * of their own (bst finds its suites and testing.json from the folder it runs in). The copy's testing.json is the
 * project's, with its file paths made absolute. Every suite in tests/conversations is also checked to run with
 * its own locale's interaction model.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const BST = join(ROOT, 'node_modules', 'bespoken-tools', 'bin', 'bst.js');
const SUITES = join(ROOT, 'tests', 'conversations');
const MODELS = 'skill-package/interactionModels/custom';
const RUN_TIMEOUT_MS = 120_000;

interface TestingJson {
  handler: string;
  locale: string;
  interactionModel: string;
  jest: { globalSetup: string; testEnvironment: string; testMatch: string[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTestingJson(value: unknown): value is TestingJson {
  if (!isRecord(value) || !isRecord(value.jest)) return false;
  const { jest } = value;
  return (
    typeof value.handler === 'string' &&
    typeof value.locale === 'string' &&
    typeof value.interactionModel === 'string' &&
    typeof jest.globalSetup === 'string' &&
    typeof jest.testEnvironment === 'string' &&
    Array.isArray(jest.testMatch)
  );
}

function projectTestingJson(): TestingJson {
  const parsed: unknown = JSON.parse(readFileSync(join(ROOT, 'testing.json'), 'utf8'));
  if (!isTestingJson(parsed))
    throw new Error('testing.json lacks handler, locale, interactionModel or its jest settings');
  return parsed;
}

/** The project's testing.json, for a copy in another folder: what it names in the project, by absolute path. */
function testingJsonForCopy(): TestingJson {
  const config = projectTestingJson();
  const inProject = (path: string): string => path.replace('<rootDir>', ROOT);
  return {
    ...config,
    handler: join(ROOT, config.handler),
    interactionModel: join(ROOT, config.interactionModel),
    jest: {
      ...config.jest,
      globalSetup: inProject(config.jest.globalSetup),
      testEnvironment: inProject(config.jest.testEnvironment),
    },
  };
}

interface Run {
  status: number | null;
  output: string;
  folder: string;
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Runs `bst test` on the given suites, each written to tests/conversations/ of a fresh folder. */
function bstTest(suites: Record<string, string>, env: Record<string, string> = {}): Run {
  const folder = mkdtempSync(join(tmpdir(), 'spine-care-bst-'));
  folders.push(folder);
  mkdirSync(join(folder, 'tests', 'conversations'), { recursive: true });
  writeFileSync(join(folder, 'testing.json'), JSON.stringify(testingJsonForCopy(), null, 2));
  for (const [name, text] of Object.entries(suites)) writeFileSync(join(folder, 'tests', 'conversations', name), text);
  const childEnv: Record<string, string | undefined> = { ...process.env, HOME: folder, USERPROFILE: folder, ...env };
  if (!('BESPOKEN_API_BASE_URL' in env)) delete childEnv.BESPOKEN_API_BASE_URL;
  delete childEnv.JEST_WORKER_ID;
  const result = spawnSync(process.execPath, [BST, 'test'], {
    cwd: folder,
    env: childEnv,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, folder };
}

function suite(name: string): string {
  return readFileSync(join(SUITES, name), 'utf8');
}

/** The test names of a suite, in order: every document after the configuration starts with `- test: name`. */
function testNames(text: string): string[] {
  return parseAllDocuments(text)
    .map((document): unknown => document.toJS())
    .flatMap((steps) => {
      const first: unknown = Array.isArray(steps) ? steps[0] : undefined;
      return isRecord(first) && typeof first.test === 'string' ? [first.test] : [];
    });
}

/** The description of each test bst posted to its results sink. */
function postedTests(folder: string): string[] {
  const posted: unknown = JSON.parse(readFileSync(join(folder, 'test_output', 'bespoken-results.json'), 'utf8'));
  if (!Array.isArray(posted)) throw new Error('bst posted something other than a list of results');
  return posted.map((result: unknown) => {
    const test: unknown = isRecord(result) ? result._test : undefined;
    return isRecord(test) && typeof test._description === 'string' ? test._description : '(no description)';
  });
}

/** A loopback port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** One test in Spanish: the es-US model resolves the question, and the Spanish content answers it. */
const SPANISH = [
  '---',
  'configuration:',
  '  locale: es-US',
  `  interactionModel: ${join(ROOT, MODELS, 'es-US.json')}`,
  '---',
  '- test: A question in Spanish, answered in Spanish',
  '- LaunchRequest',
  '- qué es la vertebroplastia:',
  '  - prompt: "*vertebroplastia*"',
  '  - sessionAttributes.topic: what',
  '',
].join('\n');

describe('bst test, offline', () => {
  const guide = suite('guide.test.yml');
  const names = testNames(guide);

  describe('when every test passes', () => {
    let run: Run;
    beforeAll(() => {
      run = bstTest({ 'guide.test.yml': guide, 'spanish.test.yml': SPANISH });
    }, RUN_TIMEOUT_MS);

    it('exits 0', () => {
      expect(names.length).toBeGreaterThan(5);
      expect(run.output).toContain(`Tests:       ${names.length + 1} passed, ${names.length + 1} total`);
      expect(run.status).toBe(0);
    });

    it('posts every result to the loopback sink', () => {
      expect(postedTests(run.folder).sort()).toEqual([...names, 'A question in Spanish, answered in Spanish'].sort());
    });

    it('runs each suite in the locale and model its configuration names', () => {
      expect(run.output).toContain('(es-US)');
      expect(run.output).toContain('PASS tests/conversations/spanish.test.yml');
    });
  });

  it(
    'exits 1 when one assertion fails, and names the test that failed',
    () => {
      const assertion = '  - cardTitle: Spine Care Guide\n';
      expect(guide.split(assertion)).toHaveLength(2);
      const broken = guide.replace(assertion, '  - cardTitle: Some Other Skill\n');
      const run = bstTest({ 'guide.test.yml': broken });
      expect(run.output).toContain(`Tests:       1 failed, ${names.length - 1} passed, ${names.length} total`);
      expect(run.output).toContain('Launch welcomes, speaks the short disclaimer, and asks › LaunchRequest');
      expect(run.output).toContain('Some Other Skill');
      expect(run.status).toBe(1);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits 1 when a suite cannot be read',
    () => {
      const run = bstTest({ 'unfinished.test.yml': '---\n- test: unfinished\n- LaunchRequest:\n  - prompt: [\n' });
      expect(run.output).toContain('unexpected end of the stream');
      expect(run.output).toContain('Tests:       1 failed, 1 total');
      expect(run.status).toBe(1);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'without the sink, exits 1 even when every test passes (why the sink is there)',
    async () => {
      const port = await closedPort();
      const run = bstTest({ 'guide.test.yml': guide }, { BESPOKEN_API_BASE_URL: `http://127.0.0.1:${port}` });
      expect(run.output).toContain(`Tests:       ${names.length} passed, ${names.length} total`);
      expect(run.output).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
      expect(run.status).toBe(1);
      expect(existsSync(join(run.folder, 'test_output', 'bespoken-results.json'))).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );
});

describe('the conversation suites and testing.json', () => {
  const config = projectTestingJson();
  const files = readdirSync(SUITES).filter((name) => name.endsWith('.test.yml'));

  it('finds the suites where bst looks for them', () => {
    expect(config.jest.testMatch).toEqual(['<rootDir>/tests/conversations/**/*.test.yml']);
    expect(files.length).toBeGreaterThan(0);
  });

  it('names a default locale whose model it runs with', () => {
    expect(config.interactionModel).toBe(`${MODELS}/${config.locale}.json`);
  });

  it.each(files)('%s runs with the interaction model of its own locale', (file) => {
    const [first] = parseAllDocuments(suite(file));
    const head: unknown = first?.toJS();
    const own: unknown = isRecord(head) ? head.configuration : undefined;
    const locale = isRecord(own) && typeof own.locale === 'string' ? own.locale : config.locale;
    const model =
      isRecord(own) && typeof own.interactionModel === 'string' ? own.interactionModel : config.interactionModel;
    expect(existsSync(join(ROOT, MODELS, `${locale}.json`))).toBe(true);
    expect(resolve(ROOT, model)).toBe(join(ROOT, MODELS, `${locale}.json`));
  });
});
