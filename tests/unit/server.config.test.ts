/** Server settings: flags over the environment over defaults, and verification that needs a skill ID. */
import { ConfigError, parseConfig, USAGE, wantsHelp } from '../../server/config';

it('--help asks for the usage, which names every flag', () => {
  expect(wantsHelp(['--help'])).toBe(true);
  expect(wantsHelp(['--port', '3000'])).toBe(false);
  expect(() => wantsHelp(['--bogus'])).toThrow(ConfigError);
  for (const flag of [
    '--port',
    '--host',
    '--skill-id',
    '--db-file',
    '--no-verify',
    '--trust-ca',
    '--cert-chain',
    '--help',
  ])
    expect(USAGE).toContain(flag);
});

it('defaults to 127.0.0.1:3000 and .data/preferences.sqlite, with verification on', () => {
  expect(parseConfig([], { SKILL_ID: 'amzn1.ask.skill.a' })).toEqual({
    port: 3000,
    host: '127.0.0.1',
    dbFile: '.data/preferences.sqlite',
    verify: true,
    skillId: 'amzn1.ask.skill.a',
  });
});

it('reads PORT, HOST, SKILL_ID and DB_FILE, and lets flags override them', () => {
  const env = { PORT: '8080', HOST: '0.0.0.0', SKILL_ID: 'amzn1.ask.skill.env', DB_FILE: '/var/lib/skill/env.sqlite' };
  expect(parseConfig([], env)).toEqual({
    port: 8080,
    host: '0.0.0.0',
    dbFile: '/var/lib/skill/env.sqlite',
    verify: true,
    skillId: 'amzn1.ask.skill.env',
  });
  const flags = ['--port', '9000', '--host', '::1', '--skill-id', 'amzn1.ask.skill.env', '--db-file', 'flag.sqlite'];
  expect(parseConfig(flags, env)).toEqual({
    port: 9000,
    host: '::1',
    dbFile: 'flag.sqlite',
    verify: true,
    skillId: 'amzn1.ask.skill.env',
  });
  expect(parseConfig(['--skill-id', 'amzn1.ask.skill.flag'], {})).toMatchObject({ skillId: 'amzn1.ask.skill.flag' });
});

it('refuses a --skill-id that disagrees with SKILL_ID, which the skill itself also reads', () => {
  expect(() => parseConfig(['--skill-id', 'amzn1.ask.skill.flag'], { SKILL_ID: 'amzn1.ask.skill.env' })).toThrow(
    ConfigError,
  );
});

it('requires a skill ID unless verification is off', () => {
  expect(() => parseConfig([], {})).toThrow(ConfigError);
  expect(parseConfig(['--no-verify'], {})).toMatchObject({ verify: false, skillId: undefined });
  expect(parseConfig(['--no-verify'], { SKILL_ID: 'amzn1.ask.skill.a' })).toMatchObject({
    verify: false,
    skillId: 'amzn1.ask.skill.a',
  });
});

it.each(['65536', '80a', '1e3', '0x50'])('refuses the port %j', (port) => {
  expect(() => parseConfig([`--port=${port}`, '--no-verify'], {})).toThrow(ConfigError);
  expect(() => parseConfig(['--no-verify'], { PORT: port })).toThrow(ConfigError);
});

it('refuses unknown flags and stray arguments', () => {
  expect(() => parseConfig(['--verify=false'], { SKILL_ID: 'a' })).toThrow(ConfigError);
  expect(() => parseConfig(['serve'], { SKILL_ID: 'a' })).toThrow(ConfigError);
});
