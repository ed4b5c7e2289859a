// A bench server that crashes or stalls must fail `pnpm bench` with a reason, never hang it.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask, exited } from '../src/servers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'wx-audit-bench-child-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** Forks a child whose IPC handler is `onMessage` (a function body over `m`). */
function child(onMessage: string): Promise<ChildProcess> {
  const file = join(dir, `child-${children.length}.cjs`);
  writeFileSync(file, `process.on('message', (m) => { ${onMessage} }); process.send({ type: 'ready' });`);
  const c = fork(file, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  children.push(c);
  return new Promise((resolve) => c.once('message', () => resolve(c)));
}

const answer = (type: string) => `process.send({ type: '${type}', handled: 3, cpuMicros: 42 }`;

describe('talking to a bench server process', () => {
  it('resolves with the counters the server answers', async () => {
    const c = await child(`if (m.type === 'sample') ${answer('sample')});`);
    await expect(ask(c, 'test', 'sample', 'sample')).resolves.toEqual({ handled: 3, cpuMicros: 42 });
    // Listeners are removed once answered: asking again works the same.
    await expect(ask(c, 'test', 'sample', 'sample')).resolves.toEqual({ handled: 3, cpuMicros: 42 });
    expect(c.listenerCount('message')).toBe(0); // none left behind
  });

  it('stops: the answer, then a clean exit', async () => {
    const c = await child(`if (m.type === 'stop') ${answer('stopped')}, () => process.exit(0));`);
    const [counters] = await Promise.all([ask(c, 'test', 'stop', 'stopped'), exited(c, 'test')]);
    expect(counters).toEqual({ handled: 3, cpuMicros: 42 });
  });

  it('rejects when the server dies instead of answering, or is already dead', async () => {
    const c = await child(`process.exit(3);`);
    await expect(ask(c, 'crashy', 'sample', 'sample')).rejects.toThrow(/bench server crashy exited \(3\) before answering "sample"/);
    await expect(ask(c, 'crashy', 'sample', 'sample')).rejects.toThrow(/no longer running/);
    await expect(exited(c, 'crashy')).rejects.toThrow(/exited with 3/);
  });

  it('rejects and kills a server that does not answer in time', async () => {
    const c = await child(`/* never answers */`);
    await expect(ask(c, 'mute', 'sample', 'sample', 200)).rejects.toThrow(/did not answer "sample" within 0.2 s/);
    await expect(exited(c, 'mute', 2000)).rejects.toThrow(/exited with SIGTERM/);
  });
});
