/** `--workers N`: taken out of the arguments before the rest are parsed, one per CPU by default. */
import { availableParallelism } from 'node:os';
import { workersFrom } from '../../server/cluster';
import { ConfigError } from '../../server/config';

it('defaults to one worker per CPU and passes every other argument on', () => {
  expect(workersFrom(['--port', '3001', '--no-verify'], {})).toEqual({
    workers: availableParallelism(),
    args: ['--port', '3001', '--no-verify'],
  });
});

it('reads --workers N, --workers=N and WORKERS, the flag first', () => {
  expect(workersFrom(['--workers', '3', '--port', '1'], {})).toEqual({ workers: 3, args: ['--port', '1'] });
  expect(workersFrom(['--workers=1'], { WORKERS: '4' })).toEqual({ workers: 1, args: [] });
  expect(workersFrom([], { WORKERS: '4' })).toEqual({ workers: 4, args: [] });
});

it.each([['0'], ['-1'], ['two'], ['1.5'], ['65'], ['']])('refuses --workers %p', (value) => {
  expect(() => workersFrom(['--workers', value], {})).toThrow(ConfigError);
});

it('refuses --workers with no number', () => {
  expect(() => workersFrom(['--workers'], {})).toThrow(ConfigError);
});
