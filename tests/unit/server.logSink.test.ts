/** The server's log sink: a turn's lines in one write, in order, none lost and none written twice. */
import { batchingSink } from '../../server/logSink';

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function recording(): { writes: string[]; write: (text: string) => void } {
  const writes: string[] = [];
  return { writes, write: (text) => writes.push(text) };
}

it('writes the lines of one turn together, in order, each on its own line, once the turn is over', async () => {
  const { writes, write } = recording();
  const { sink } = batchingSink(write);
  sink('{"event":"a"}');
  sink('{"event":"b"}');
  sink('{"event":"c"}');
  expect(writes).toEqual([]);
  await nextTurn();
  expect(writes).toEqual(['{"event":"a"}\n{"event":"b"}\n{"event":"c"}\n']);
  await nextTurn();
  expect(writes).toHaveLength(1);
});

it('writes the lines of later turns in writes of their own', async () => {
  const { writes, write } = recording();
  const { sink } = batchingSink(write);
  sink('one');
  await nextTurn();
  sink('two');
  sink('three');
  await nextTurn();
  expect(writes).toEqual(['one\n', 'two\nthree\n']);
});

it('writes at once when a turn has gathered its limit, and the rest at the end of the turn', async () => {
  const { writes, write } = recording();
  const { sink } = batchingSink(write, 10);
  sink('12345');
  expect(writes).toEqual([]);
  sink('6789');
  expect(writes).toEqual(['12345\n6789\n']);
  sink('last');
  await nextTurn();
  expect(writes).toEqual(['12345\n6789\n', 'last\n']);
});

it('flush writes what is waiting now (as on exit), and the end of the turn does not write it again', async () => {
  const { writes, write } = recording();
  const { sink, flush } = batchingSink(write);
  sink('stopped');
  flush();
  expect(writes).toEqual(['stopped\n']);
  flush();
  await nextTurn();
  expect(writes).toEqual(['stopped\n']);
});

it('a write that throws is not thrown on to the request that logged, and later lines are still written', async () => {
  const writes: string[] = [];
  let broken = true;
  const { sink, flush } = batchingSink((text) => {
    if (broken) throw new Error('EPIPE');
    writes.push(text);
  });
  sink('lost with the broken pipe');
  expect(() => flush()).not.toThrow();
  broken = false;
  sink('after');
  await nextTurn();
  expect(writes).toEqual(['after\n']);
});
