/**
 * `npm run bench:profile -- [cold|warm] [--dynamo]`: where the bundle's time goes, from `node --cpu-prof`.
 *
 * cold: five processes that load the bundle and answer one LaunchRequest, profiled from start to exit;
 * warm: one process answering every request kind in turn, 20,000 times; the start and the load are left out.
 * --dynamo runs the skill as on Lambda, with its preferences in a local dynalite table. node runs with
 * Lambda's heap settings for the stack (its MemorySize and NODE_OPTIONS), in a clean environment, as in `npm run bench`.
 *
 * Each sample is mapped through the bundle's source map to the original file and line, and the time is
 * summed by package or source file, and by function (self, and inclusive: the function and what it
 * calls). The raw .cpuprofile files are kept in build/profiles/ for Chrome DevTools or speedscope.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localTable } from './dynamo';
import { cleanEnv, LAMBDA_NODE_OPTIONS, NODE_FLAGS } from './node';
import { KINDS } from './requests';
import { isRecord } from '../lambda/src/json';

const ROOT = join(__dirname, '..');
const CHILD = join(ROOT, 'build', 'bench-child.js');
const BUNDLE = join(ROOT, 'lambda', 'dist', 'index.js');
const PROFILES = join(ROOT, 'build', 'profiles');
const COLD_PROCESSES = 5;
const WARM_ROUNDS = 20_000;
const INTERVAL_US = 50;
const TOP = 25;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function isCallFrame(value: unknown): value is CallFrame {
  return (
    isRecord(value) &&
    typeof value.functionName === 'string' &&
    typeof value.url === 'string' &&
    typeof value.lineNumber === 'number' &&
    typeof value.columnNumber === 'number'
  );
}

function isNode(value: unknown): value is ProfileNode {
  return (
    isRecord(value) &&
    typeof value.id === 'number' &&
    isCallFrame(value.callFrame) &&
    (value.children === undefined ||
      (Array.isArray(value.children) && value.children.every((child) => typeof child === 'number')))
  );
}

function isProfile(value: unknown): value is Profile {
  const numbers = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'number');
  return (
    isRecord(value) &&
    Array.isArray(value.nodes) &&
    value.nodes.every(isNode) &&
    numbers(value.samples) &&
    numbers(value.timeDeltas)
  );
}

/** Original locations for the bundle's code, with the text of the original line. */
class Mapper {
  private readonly map: SourceMap;
  private readonly contents = new Map<string, string[]>();

  constructor(private readonly bundle: string) {
    const payload: unknown = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'));
    if (!isRecord(payload) || !Array.isArray(payload.sources) || !Array.isArray(payload.sourcesContent))
      throw new Error('the source map has no sources');
    const { sources, sourcesContent } = payload;
    this.map = new SourceMap({
      version: 3,
      file: '',
      sourceRoot: '',
      sources: sources.map(String),
      sourcesContent: sourcesContent.map(String),
      names: Array.isArray(payload.names) ? payload.names.map(String) : [],
      mappings: String(payload.mappings),
    });
    sources.forEach((source, i) => this.contents.set(String(source), String(sourcesContent[i]).split('\n')));
  }

  /** "file:line  text" for a frame in the bundle, or undefined for any other frame. */
  locate(frame: CallFrame): { area: string; where: string } | undefined {
    if (frame.url === '' || !frame.url.startsWith('file:') || fileURLToPath(frame.url) !== this.bundle)
      return undefined;
    const entry = this.map.findEntry(frame.lineNumber, frame.columnNumber);
    if (!('originalSource' in entry)) return { area: '(bundle, unmapped)', where: frame.functionName || '(anonymous)' };
    const file = relative(ROOT, resolve(dirname(this.bundle), entry.originalSource));
    const area = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(file)?.[1] ?? file;
    const text = (this.contents.get(entry.originalSource)?.[entry.originalLine] ?? '').trim().slice(0, 70);
    return { area, where: `${file.replace(/^node_modules\//, '')}:${entry.originalLine + 1}  ${text}` };
  }
}

function describe(frame: CallFrame, mapper: Mapper): { area: string; where: string } {
  const mapped = mapper.locate(frame);
  if (mapped !== undefined) return mapped;
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return { area: name, where: name };
  const area = frame.url.startsWith('node:internal/modules')
    ? 'node: module loader'
    : frame.url.startsWith('node:')
      ? 'node: other built-ins'
      : relative(ROOT, frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url);
  return { area, where: `${name}  ${frame.url.replace(/^file:\/\//, '')}:${frame.lineNumber + 1}` };
}

interface Totals {
  total: number;
  byArea: Map<string, number>;
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

/** Adds a profile's samples to the totals, leaving out those with a frame that `leaveOut` names. */
function add(
  profile: Profile,
  mapper: Mapper,
  totals: Totals,
  leaveOut: (frame: CallFrame) => boolean = () => false,
): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const described = new Map<number, { area: string; where: string }>();
  const describeNode = (id: number): { area: string; where: string } => {
    const known = described.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id);
    const description = node === undefined ? { area: '?', where: '?' } : describe(node.callFrame, mapper);
    described.set(id, description);
    return description;
  };
  profile.samples.forEach((leaf, i) => {
    // A sample's time is the gap to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack: number[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parents.get(id)) stack.push(id);
    if (
      stack.some((id) => {
        const node = nodes.get(id);
        return node !== undefined && leaveOut(node.callFrame);
      })
    )
      return;
    const { area, where } = describeNode(leaf);
    totals.total += ms;
    totals.byArea.set(area, (totals.byArea.get(area) ?? 0) + ms);
    totals.self.set(where, (totals.self.get(where) ?? 0) + ms);
    for (const place of new Set(stack.map((id) => describeNode(id).where)))
      totals.inclusive.set(place, (totals.inclusive.get(place) ?? 0) + ms);
  });
}

/** Prints the totals divided by `per`, in `unit` (1 for ms, 1000 for µs). */
function print(title: string, totals: Totals, per: number, unit: { name: string; perMs: number }): void {
  const scale = unit.perMs / per;
  const line = (ms: number, label: string): string =>
    `${(ms * scale).toFixed(2).padStart(9)} ${unit.name} ${((100 * ms) / totals.total).toFixed(1).padStart(5)}%  ${label}`;
  const top = (map: Map<string, number>, keep: (label: string) => boolean = () => true): string[] =>
    [...map.entries()]
      .filter(([label]) => keep(label))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([label, ms]) => line(ms, label));
  console.log(`\n=== ${title}: ${(totals.total * scale).toFixed(1)} ${unit.name} sampled`);
  console.log('--- self time by package or source file');
  console.log(top(totals.byArea).slice(0, 15).join('\n'));
  console.log('--- self time by function (original file:line)');
  console.log(top(totals.self).join('\n'));
  console.log("--- inclusive time: the skill's own functions (lambda/src) and what they call");
  console.log(top(totals.inclusive, (label) => label.startsWith('lambda/src/')).join('\n'));
}

function profileOf(file: string): Profile {
  const profile: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isProfile(profile)) throw new Error(`${file} is not a CPU profile`);
  return profile;
}

/** Runs the child under --cpu-prof, asynchronously, so that dynalite in this process can answer it. */
function runProfiled(name: string, args: string[], env: Record<string, string>): Promise<Profile> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        ...NODE_FLAGS,
        '--cpu-prof',
        `--cpu-prof-dir=${PROFILES}`,
        `--cpu-prof-name=${name}.cpuprofile`,
        `--cpu-prof-interval=${INTERVAL_US}`,
        CHILD,
        ...args,
      ],
      { env: cleanEnv({ ...env, NODE_OPTIONS: LAMBDA_NODE_OPTIONS }), stdio: ['ignore', 'ignore', 'inherit', 'pipe'] },
    );
    // The child's result: not needed here, but the child writes it.
    child.stdio[3]?.on('data', () => undefined);
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(profileOf(join(PROFILES, `${name}.cpuprofile`)))
        : fail(new Error(`the profiled process failed: ${args.join(' ')}`)),
    );
  });
}

function empty(): Totals {
  return { total: 0, byArea: new Map(), self: new Map(), inclusive: new Map() };
}

async function main(): Promise<void> {
  const modes = process.argv.slice(2).filter((arg) => arg === 'cold' || arg === 'warm');
  const dynamo = process.argv.includes('--dynamo');
  rmSync(PROFILES, { recursive: true, force: true });
  mkdirSync(PROFILES, { recursive: true });
  const mapper = new Mapper(BUNDLE);
  const table = dynamo ? await localTable('profile-preferences') : undefined;
  const env = table?.env ?? {};
  try {
    const setting = dynamo ? 'preferences in DynamoDB (dynalite)' : 'preferences in memory';
    if (modes.length === 0 || modes.includes('cold')) {
      const totals = empty();
      for (let i = 0; i < COLD_PROCESSES; i += 1)
        add(await runProfiled(`cold-${i}`, ['cold', BUNDLE], env), mapper, totals);
      print(
        `cold: load the bundle and answer a LaunchRequest, whole process, ${setting}; mean of ${COLD_PROCESSES} processes`,
        totals,
        COLD_PROCESSES,
        { name: 'ms', perMs: 1 },
      );
    }
    if (modes.length === 0 || modes.includes('warm')) {
      const totals = empty();
      add(
        await runProfiled('warm', ['warm', BUNDLE, String(WARM_ROUNDS)], env),
        mapper,
        totals,
        // Requests only: not node's start, nor loading the bundle, nor waiting.
        (frame) =>
          frame.functionName === 'Module._load' ||
          frame.functionName === '(idle)' ||
          frame.url.startsWith('node:internal/main/'),
      );
      print(
        `warm: every request kind in turn, ${setting}; per round of ${KINDS.length} requests`,
        totals,
        WARM_ROUNDS,
        { name: 'µs', perMs: 1000 },
      );
    }
    console.log(`\nprofiles: ${relative(ROOT, PROFILES)}/ (${readdirSync(PROFILES).join(', ')})`);
  } finally {
    await table?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
