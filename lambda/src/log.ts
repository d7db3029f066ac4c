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

export type Sink = (line: string) => void;

let sink: Sink = (line) => process.stdout.write(`${line}\n`);

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
      line += plain(text) ? `,"${name}":"${text}"` : `,"${name}":${JSON.stringify(text)}`;
    } else if (typeof value === 'number') {
      line += `,"${name}":${Number.isFinite(value) ? value : 'null'}`;
    }
  }
  return `${line}}`;
}

export function log(level: Level, fields: LogFields): void {
  if (severity[level] < minimum) return;
  try {
    sink(serialize(level, fields));
  } catch {
    // Logging must never take a response down with it.
  }
}

/** An error's class name only: messages can quote the request. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
