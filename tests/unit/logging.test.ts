/**
 * The log lines on stdout: each request's line waits for the event loop to turn and goes out with the
 * others in one write, a warning or an error at once, and every line, in order, as one JSON object,
 * whatever its characters.
 */
import { log } from '../../lambda/src/log';

const nextTurn = (): Promise<void> => new Promise((turned) => setImmediate(turned));

let writes: string[];

beforeEach(() => {
  writes = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
    writes.push(String(text));
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

function lines(): unknown[] {
  return writes
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line): unknown => JSON.parse(line));
}

describe('lines on stdout', () => {
  it('wait for the event loop to turn, then go out together in one write', async () => {
    log('info', { event: 'one' });
    log('info', { event: 'two' });
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(lines()).toEqual([
      { level: 'info', event: 'one' },
      { level: 'info', event: 'two' },
    ]);
  });

  it('a warning goes out at once, after the lines before it', async () => {
    log('info', { event: 'before' });
    log('warn', { event: 'trouble' });
    expect(lines()).toEqual([
      { level: 'info', event: 'before' },
      { level: 'warn', event: 'trouble' },
    ]);
    await nextTurn();
    expect(writes).toHaveLength(1);
  });

  it('a long run of lines without a turn of the event loop is written before it grows large', async () => {
    const many = 10_000;
    // Characters that UTF-8 writes in two bytes, so that writes end at every possible byte.
    for (let index = 0; index < many; index += 1) log('info', { event: 'é'.repeat(index % 7), requestId: `r${index}` });
    expect(lines().length).toBeGreaterThan(many / 2);
    await nextTurn();
    expect(lines()).toHaveLength(many);
    expect(lines()).toEqual(
      Array.from({ length: many }, (_, index) => ({
        level: 'info',
        event: 'é'.repeat(index % 7),
        requestId: `r${index}`,
      })),
    );
    // A write carries at most 256 KiB.
    expect(Math.max(...writes.map((text) => Buffer.byteLength(text)))).toBeLessThanOrEqual(256 * 1024);
  });

  it('a line of characters that UTF-8 writes in two bytes goes out whole', async () => {
    const long = 'é'.repeat(120);
    log('info', { event: long, requestId: long, requestType: long, intent: long, locale: long, topic: long });
    await nextTurn();
    expect(lines()).toEqual([
      { level: 'info', event: long, requestId: long, requestType: long, intent: long, locale: long, topic: long },
    ]);
  });

  it('a failing stdout costs the line, never the process', async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    log('info', { event: 'lost' });
    await nextTurn();
    log('error', { event: 'also lost' });
    expect(writes).toEqual([]);
  });
});
