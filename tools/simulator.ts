/**
 * The local simulator. With no TURNs it opens a conversation in the terminal; with TURNs it runs
 * them without interaction:
 *
 *   npm start
 *   npm run --silent simulate -- [--locale xx-XX] [--json] [--fresh] [--logs] [--db FILE] TURN...
 *
 * Preferences: `npm start` keeps them in SQLite (--db FILE, else DB_FILE, else .data/preferences.sqlite);
 * with TURNs they stay in memory unless --db FILE is given. Either way, for one simulated listener.
 */
import './quiet';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createSkill, lambdaHandler } from '../lambda/src/skill';
import { setLogSink } from '../lambda/src/log';
import { MemoryPersistenceAdapter } from '../lambda/src/persistence/memory';
import { SqlitePersistenceAdapter } from '../server/sqlite';
import { Conversation, modelPath, SIMULATED_USER, type Handler, type Turn } from './conversation';

interface Options {
  locale: string;
  json: boolean;
  fresh: boolean;
  logs: boolean;
  db: string | undefined;
  turns: string[];
}

/** A fixed local key: the simulator's SQLite file belongs to this machine's one simulated listener. */
const LOCAL_SECRET = process.env.PREFERENCES_HMAC_KEY ?? 'spine-care-guide-local-simulator';

/** npm start keeps preferences here unless --db or DB_FILE says otherwise. */
const DEFAULT_DB = '.data/preferences.sqlite';

const USAGE = `Usage: npm start
       npm run --silent simulate -- [options] [TURN...]

With no TURN, opens a conversation in the terminal. Each TURN follows a launch, in one session.

  --locale LOCALE  en-US (default), en-GB, en-CA, en-AU, en-IN, es-US, es-MX or es-ES
  --json           one JSON object per response, the launch's too
  --fresh          each TURN gets a session of its own
  --logs           the skill's JSON log lines go to stderr
  --db FILE        keep preferences in this SQLite file (with TURNs they stay in memory otherwise;
                   the conversation uses DB_FILE, else ${DEFAULT_DB})
  --help           show this and exit
`;

/** A command line the simulator cannot run: the message says why, and the process exits 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

function parseFlags(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      locale: { type: 'string' },
      json: { type: 'boolean' },
      fresh: { type: 'boolean' },
      logs: { type: 'boolean' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The options, or a UsageError for an unknown flag, a flag without its value, or an empty value. */
function parse(args: readonly string[]): Options | 'help' {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(args);
  } catch (error) {
    // parseArgs names the flag and what is wrong with it (unknown, missing or ambiguous value).
    throw new UsageError(error instanceof Error ? error.message : 'unreadable arguments');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  for (const name of ['locale', 'db'] as const) {
    const value = values[name];
    if (value?.trim() === '') throw new UsageError(`Option '--${name}' needs a value.`);
  }
  return {
    locale: values.locale ?? 'en-US',
    json: values.json === true,
    fresh: values.fresh === true,
    logs: values.logs === true,
    db: values.db,
    turns: positionals,
  };
}

type Output = 'json' | 'text' | 'conversation';

/** In a typed conversation the listener's words are already on screen, so only what was understood is shown. */
function print(turn: Turn, output: Output): void {
  if (output === 'json') {
    process.stdout.write(`${JSON.stringify(turn)}\n`);
    return;
  }
  const understood = `[${turn.intent} → ${turn.topic ?? 'no topic'}]`;
  const heard =
    turn.utterance === null
      ? `(launch)  ${understood}`
      : output === 'text'
        ? `> ${turn.utterance}  ${understood}`
        : understood;
  const ended =
    output === 'conversation'
      ? '(session ended: type anything to open the skill again, or :quit)\n'
      : '(session ended)\n';
  process.stdout.write(`${heard}\nAlexa: ${turn.speech}\n${turn.endSession ? ended : ''}\n`);
}

function sqliteHandler(file: string): Handler {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  return lambdaHandler(createSkill(new SqlitePersistenceAdapter({ file: path, secret: LOCAL_SECRET })));
}

function handlerFor(db: string | undefined): Handler {
  return db === undefined
    ? lambdaHandler(createSkill(new MemoryPersistenceAdapter({ secret: LOCAL_SECRET })))
    : sqliteHandler(db);
}

/** Each TURN follows a launch: one shared session, or with --fresh a session of its own. */
async function runTurns(options: Options): Promise<void> {
  const handler = handlerFor(options.db);
  let conversation = new Conversation(options.locale, handler, SIMULATED_USER);
  for (const utterance of options.turns) {
    if (options.fresh) conversation = new Conversation(options.locale, handler, SIMULATED_USER);
    for (const turn of await conversation.say(utterance)) print(turn, options.json ? 'json' : 'text');
  }
}

async function interactive(options: Options): Promise<void> {
  const db = options.db ?? process.env.DB_FILE ?? DEFAULT_DB;
  const conversation = new Conversation(options.locale, sqliteHandler(db), SIMULATED_USER);
  process.stdout.write(`Preferences are kept in ${db}.\n`);
  process.stdout.write('Type what you would say to Alexa. ":ssml" shows the last markup, ":quit" leaves.\n\n');
  let last = await conversation.launch();
  print(last, 'conversation');
  // Reading lines as they come (rather than question()) also works when the words are piped in.
  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you: ' });
  lines.prompt();
  for await (const line of lines) {
    const said = line.trim();
    if (said === ':quit' || said === ':q') break;
    if (said === ':ssml') {
      process.stdout.write(`${last.ssml}\n${last.reprompt === null ? '' : `reprompt: ${last.reprompt}\n`}\n`);
    } else if (said.length > 0) {
      for (const turn of await conversation.say(said)) {
        print(turn, 'conversation');
        last = turn;
      }
    }
    lines.prompt();
  }
  lines.close();
}

async function main(): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  let options: Options;
  try {
    const parsed = parse(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(USAGE);
      return;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // The skill's JSON log lines go to stderr with --logs, and are dropped otherwise.
  setLogSink(options.logs ? (line) => process.stderr.write(`${line}\n`) : () => undefined);
  if (!existsSync(modelPath(options.locale))) {
    process.stderr.write(`No interaction model for locale ${options.locale}.\n`);
    process.exitCode = 2;
    return;
  }
  if (options.turns.length === 0) await interactive(options);
  else await runTurns(options);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
