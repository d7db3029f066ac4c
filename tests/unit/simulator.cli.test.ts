/**
 * The simulator's command line (issue 18): --help, and clear errors that exit 2 for an unknown flag
 * or a flag without its value. It never creates a file nobody named: `--db --json` used to create a
 * SQLite file called "--json". Runs the built simulator, as `npm run simulate` does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const simulator = join(__dirname, '../../build/simulator.js');
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'simulator-cli-'));
});

afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [simulator, ...args], {
    cwd,
    encoding: 'utf8',
    input: '',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the simulator command line', () => {
  it('--help prints the usage, every flag included, and exits 0', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    for (const flag of ['--locale', '--json', '--fresh', '--logs', '--db', '--help']) expect(stdout).toContain(flag);
  });

  it.each([
    [['--bogus', 'what is it'], "Unknown option '--bogus'"],
    [['what is it', '--jsn'], "Unknown option '--jsn'"],
    [['--locale'], "'--locale <value>' argument missing"],
    [['--db'], "'--db <value>' argument missing"],
    [['--db', '--json', 'what is it'], "Option '--db' argument is ambiguous"],
    [['--db=', 'what is it'], "Option '--db' needs a value"],
    [['--locale', ' ', 'what is it'], "Option '--locale' needs a value"],
  ])('%j is an error that says why, with the usage, and exits 2', (args, message) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:');
    expect(stdout).toBe('');
  });

  it('creates no file nobody named', () => {
    run('--db', '--json', 'what is it');
    run('--db');
    run('--bogus');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('still runs turns with well-formed flags, the file named by --db included', () => {
    const { status, stdout } = run('--json', '--db', 'named.sqlite', 'what is it');
    expect(status).toBe(0);
    const turns = stdout
      .trim()
      .split('\n')
      .map((line): unknown => JSON.parse(line));
    expect(turns).toHaveLength(2);
    expect(readdirSync(cwd).filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm'))).toEqual([
      'named.sqlite',
    ]);
  });
});
