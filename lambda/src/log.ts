/**
 * Structured JSON logs. Only the fields named in `LogFields` can be written, and each is copied by
 * name, so a user ID, device ID, token or slot value cannot slip into a line.
 */
export interface LogFields {
  event: string;
  requestId?: string;
  requestType?: string;
  intent?: string;
  locale?: string;
  topic?: string;
  handlerMs?: number;
  error?: string;
  /** Which request-verification check refused a request. */
  check?: string;
  port?: number;
}

type Level = 'info' | 'warn' | 'error';

const severity: Record<Level, number> = { info: 0, warn: 1, error: 2 };

/** LOG_LEVEL=warn (or error) drops the per-request info lines; unset, everything is logged. */
function threshold(): number {
  const level = process.env.LOG_LEVEL;
  return level === 'warn' || level === 'error' ? severity[level] : severity.info;
}

const minimum = threshold();

const allowed: readonly (keyof LogFields)[] = [
  'event',
  'requestId',
  'requestType',
  'intent',
  'locale',
  'topic',
  'handlerMs',
  'error',
  'check',
  'port',
];

/** Each field's name as it opens its part of a line, and with the quote that opens a string value. */
const names = Object.fromEntries(allowed.map((name) => [name, `,"${name}":`]));
const quoted = Object.fromEntries(allowed.map((name) => [name, `,"${name}":"`]));

/** Where lines go. An urgent line (a warning or an error) is written at once. */
export type Sink = (line: string, urgent: boolean) => void;

/**
 * Lines for stdout wait for this turn of the event loop to end, and go out in one write. stdout is a
 * pipe on Lambda, in the server and under the benchmark, and each write to it is a system call that
 * also wakes its reader: measured, that took a warm request longer than everything else the skill does
 * for it. A line waits until the event loop next turns (on Lambda, while the runtime posts the answer;
 * in the server, before the next request is read), or, where requests follow each other without a turn
 * (the benchmark's loop), until the staging buffer is full: one write then carries some thousand
 * requests' lines. A warning or an error goes out at once, after the lines before it, and whatever waits
 * when the process exits is written then.
 *
 * Lines wait as UTF-8 in a buffer outside the JavaScript heap, written there as they come: a waiting
 * line is then no string for the garbage collector to copy from one young generation to the next.
 */
const STAGING_BYTES = 256 * 1024;
let staging: Buffer | undefined;
let staged = 0;
let flushing = false;

function writeOut(chunk: Buffer | string): void {
  try {
    process.stdout.write(chunk);
  } catch {
    // Logging must never take the process down with it.
  }
}

function flush(): void {
  flushing = false;
  if (staging === undefined || staged === 0) return;
  // A copy: the stream may keep what it is given until the pipe takes it, and the staging buffer is reused.
  const chunk = Buffer.from(staging.subarray(0, staged));
  staged = 0;
  writeOut(chunk);
}

function toStdout(line: string, urgent: boolean): void {
  // UTF-8 takes at most three bytes for each UTF-16 unit, and the newline one more.
  const most = line.length * 3 + 1;
  if (most > STAGING_BYTES - staged) flush();
  if (most > STAGING_BYTES) {
    writeOut(`${line}\n`);
    return;
  }
  if (staging === undefined) {
    staging = Buffer.allocUnsafeSlow(STAGING_BYTES);
    // Lines of the last turn before the process exits (a server stopping, a tool finishing) still go out.
    process.once('exit', flush);
  }
  staged += staging.write(line, staged);
  staged = staging.writeUInt8(0x0a, staged);
  if (urgent) {
    flush();
  } else if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

let sink: Sink = toStdout;

/** For tests: capture what would be logged. Returns a function that restores the previous sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

/**
 * Every logged string is cut to this length: a locale, request type or error name comes from the
 * request or a thrown value, and must not make a line of a megabyte.
 */
export const MAX_FIELD_CHARS = 120;

function bounded(text: string): string {
  return text.length <= MAX_FIELD_CHARS ? text : `${text.slice(0, MAX_FIELD_CHARS - 1)}…`;
}

/** Whether JSON writes the text as it is, between quotes: no quote, backslash, control character or surrogate. */
function plain(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

/**
 * The line, written field by field as JSON.stringify would write the object (names in the order of
 * `allowed`, after the level), and a string through JSON.stringify only when it needs escaping: one
 * line per request, so no object, and no copy of a string that is already fit to write.
 */
export function serialize(level: Level, fields: LogFields): string {
  let line = `{"level":"${level}"`;
  for (const name of allowed) {
    const value = fields[name];
    if (typeof value === 'string') {
      const text = bounded(value);
      line = plain(text) ? line + quoted[name] + text + '"' : line + names[name] + JSON.stringify(text);
    } else if (typeof value === 'number') {
      line = line + names[name] + (Number.isFinite(value) ? String(value) : 'null');
    }
  }
  return `${line}}`;
}

export function log(level: Level, fields: LogFields): void {
  if (severity[level] < minimum) return;
  try {
    sink(serialize(level, fields), level !== 'info');
  } catch {
    // Logging must never take a response down with it.
  }
}

/** An error's class name only: messages can quote the request. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
