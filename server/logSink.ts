/**
 * The server's log sink: the lines of one turn of the event loop are written together, in order, with
 * one write, instead of one write (one system call, to a file or a pipe) for each line. Under load a
 * worker answers many requests in a turn, and the skill logs one line for each; written one by one,
 * those writes were about 3% of a worker's time in a CPU profile. The lines themselves are the same.
 *
 * Lines wait at most until the end of the turn, or until `maxBytes` of them have gathered. Whatever is
 * still waiting is written when the process exits (the 'exit' event, which also follows an uncaught
 * exception), so only a process killed outright (SIGKILL) can lose the lines of its last turn.
 */
import type { Sink } from '../lambda/src/log';

/** A turn's lines past this are written at once, so a flood of lines cannot gather without bound. */
const MAX_BYTES = 64 * 1024;

export interface BatchingSink {
  sink: Sink;
  /** Writes every waiting line now. */
  flush: () => void;
}

/** `write` gets whole lines, each ending in a newline; it must not keep the text for later. */
export function batchingSink(write: (text: string) => void, maxBytes = MAX_BYTES): BatchingSink {
  let waiting: string[] = [];
  let bytes = 0;
  let scheduled = false;

  function flush(): void {
    if (waiting.length === 0) return;
    const text = `${waiting.join('\n')}\n`;
    waiting = [];
    bytes = 0;
    try {
      write(text);
    } catch {
      // Logging must never take the server down with it (log.ts gives the same promise for one line).
    }
  }

  function sink(line: string): void {
    waiting.push(line);
    bytes += line.length + 1;
    if (bytes >= maxBytes) {
      flush();
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    }
  }

  return { sink, flush };
}
