import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning, logTail, readPid, runningPid, startDetached, stopProcess } from './processes';

describe('detached processes with pid files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-infra-proc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const logSays = async (text: string) => {
    while (!readFileSync(join(dir, 'x.log'), 'utf8').includes(text)) await sleep(20);
  };

  const spec = (script: string) => ({
    command: '/bin/sh',
    args: ['-c', script],
    cwd: dir,
    pidFile: join(dir, 'x.pid'),
    logFile: join(dir, 'x.log'),
  });

  it('writes the pid file and appends output to the log', async () => {
    const pid = startDetached(spec('echo hello; exec sleep 30'));
    expect(readPid(join(dir, 'x.pid'))).toBe(pid);
    expect(isRunning(pid, 'sleep')).toBe(true);
    await logSays('hello');
    expect(readFileSync(join(dir, 'x.log'), 'utf8')).toBe('hello\n');
    expect(await stopProcess(join(dir, 'x.pid'), 'sleep')).toBe('stopped');
    expect(isRunning(pid, 'sleep')).toBe(false);
    expect(existsSync(join(dir, 'x.pid'))).toBe(false);
  });

  it('stops idempotently: a second stop reports not running', async () => {
    startDetached(spec('exec sleep 30'));
    await stopProcess(join(dir, 'x.pid'), 'sleep');
    expect(await stopProcess(join(dir, 'x.pid'), 'sleep')).toBe('not running');
  });

  it('kills a process that ignores SIGTERM once the timeout passes', async () => {
    const pid = startDetached(spec('trap "" TERM; echo ready; exec sleep 30'));
    // Signal only once the shell has set its trap, not while it is still starting.
    await logSays('ready');
    expect(await stopProcess(join(dir, 'x.pid'), 'sleep', 300)).toBe('killed');
    expect(isRunning(pid, 'sleep')).toBe(false);
  });

  // Only /proc tells which program a pid runs; without it a live pid is trusted.
  const withProc = existsSync('/proc/self/cmdline') ? it : it.skip;
  withProc('ignores a stale pid file whose pid now runs something else', async () => {
    const other = startDetached({ ...spec('exec sleep 30'), pidFile: join(dir, 'other.pid') });
    writeFileSync(join(dir, 'x.pid'), `${other}\n`);
    expect(runningPid(join(dir, 'x.pid'), 'nats-server')).toBeUndefined();
    expect(await stopProcess(join(dir, 'x.pid'), 'nats-server')).toBe('not running');
    expect(existsSync(join(dir, 'x.pid'))).toBe(false);
    expect(isRunning(other, 'sleep')).toBe(true);
    await stopProcess(join(dir, 'other.pid'), 'sleep');
  });

  it('shows the last lines of a log, or why there is none', () => {
    writeFileSync(join(dir, 'x.log'), 'a\nb\nc\n');
    expect(logTail(join(dir, 'x.log'), 2)).toBe('b\nc');
    expect(logTail(join(dir, 'missing.log'))).toMatch(/no log at/);
  });
});
