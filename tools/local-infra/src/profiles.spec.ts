import { dbArgs, natsArgs, planFor, PROFILE_PORTS } from './profiles';

describe('profile ports', () => {
  it('gives dev and test ports of their own, apart from 4222 and 27017', () => {
    expect(PROFILE_PORTS).toEqual({
      dev: { nats: 14222, natsMonitor: 18222, db: 27117 },
      test: { nats: 24222, natsMonitor: 28222, db: 27217 },
    });
  });
});

describe('planFor', () => {
  it('keeps data, pid and log files under .data/<profile>', () => {
    const plan = planFor({ profile: 'test', root: '/repo' });
    expect(plan.dataDir).toBe('/repo/.data/test');
    expect(plan.nats).toEqual({
      pidFile: '/repo/.data/test/nats.pid',
      logFile: '/repo/.data/test/nats.log',
      storeDir: '/repo/.data/test/nats',
    });
    expect(plan.db.ferretdb.storeDir).toBe('/repo/.data/test/ferretdb');
    expect(plan.natsUrl).toBe('nats://127.0.0.1:24222');
    expect(plan.natsMonitorUrl).toBe('http://127.0.0.1:28222');
    expect(plan.mongoUrl).toBe('mongodb://127.0.0.1:27217');
  });

  it('lets a test move ports and data elsewhere', () => {
    const plan = planFor({
      profile: 'dev',
      root: '/repo',
      dataDir: '/tmp/d',
      ports: { db: 31000 },
    });
    expect(plan.ports).toEqual({ nats: 14222, natsMonitor: 18222, db: 31000 });
    expect(plan.db.ferretdb.pidFile).toBe('/tmp/d/ferretdb.pid');
  });
});

describe('server arguments', () => {
  const plan = planFor({ profile: 'dev', root: '/repo' });

  it('starts nats-server with JetStream stored under the profile, on loopback', () => {
    expect(natsArgs(plan).join(' ')).toBe(
      '-a 127.0.0.1 -p 14222 -m 18222 -n meridian-dev -js -sd /repo/.data/dev/nats',
    );
  });

  it('starts FerretDB on the SQLite backend in the profile directory', () => {
    expect(dbArgs(plan, 'ferretdb')).toEqual(
      expect.arrayContaining(['--handler', 'sqlite', '--sqlite-dir', '/repo/.data/dev/ferretdb']),
    );
    expect(dbArgs(plan, 'ferretdb')).toContain('127.0.0.1:27117');
  });

  it('gives mongod the same port and a dbpath of its own', () => {
    expect(dbArgs(plan, 'mongod')).toEqual([
      '--bind_ip',
      '127.0.0.1',
      '--port',
      '27117',
      '--dbpath',
      '/repo/.data/dev/mongod',
    ]);
  });
});
