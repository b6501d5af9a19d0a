import { runCli, usage } from './cli';
import { UsageError, type CliIo, type Command } from './command';

function recorder(): CliIo & { readonly out_: string[]; readonly err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (line) => out_.push(line), err: (line) => err_.push(line) };
}

function command(
  run: Command['run'] = async () => undefined,
): Command & { readonly calls: (readonly string[])[] } {
  const calls: (readonly string[])[] = [];
  return {
    summary: 'does a thing',
    calls,
    run: async (args, io) => {
      calls.push(args);
      await run(args, io);
    },
  };
}

describe('runCli', () => {
  it('runs the named command with the remaining arguments and exits 0', async () => {
    const provision = command();
    const other = command();

    const code = await runCli(['provision', '--dry', 'x'], { provision, other }, recorder());

    expect(code).toBe(0);
    expect(provision.calls).toEqual([['--dry', 'x']]);
    expect(other.calls).toEqual([]);
  });

  it('exits 2 with the usage on stderr for an unknown command, running nothing', async () => {
    const provision = command();
    const io = recorder();

    const code = await runCli(['provison'], { provision }, io);

    expect(code).toBe(2);
    expect(io.err_.join('\n')).toContain('Unknown command "provison"');
    expect(io.err_.join('\n')).toContain('provision  does a thing');
    expect(provision.calls).toEqual([]);
  });

  it('does not treat inherited object properties as commands', async () => {
    expect(await runCli(['toString'], { provision: command() }, recorder())).toBe(2);
  });

  it('exits 2 with the usage when no command is given, and 0 when help is asked for', async () => {
    const io = recorder();

    expect(await runCli([], { provision: command() }, io)).toBe(2);
    expect(io.err_).toEqual([usage({ provision: command() })]);
    expect(await runCli(['help'], { provision: command() }, io)).toBe(0);
    expect(io.out_).toEqual([usage({ provision: command() })]);
  });

  it('exits 1 with the reason when the command fails', async () => {
    const failing = command(async () => {
      throw new Error('cannot connect to NATS at nats://nowhere:4222');
    });
    const io = recorder();

    expect(await runCli(['provision'], { provision: failing }, io)).toBe(1);
    expect(io.err_).toEqual(['provision failed: cannot connect to NATS at nats://nowhere:4222']);
  });

  it('exits 2 when the command rejects its arguments', async () => {
    const picky = command(async () => {
      throw new UsageError('takes no arguments');
    });
    const io = recorder();

    expect(await runCli(['provision', 'extra'], { provision: picky }, io)).toBe(2);
    expect(io.err_[0]).toMatch(/^provision: takes no arguments/);
  });
});
