import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JourneyDefinitionError, loadJourneysFile, parseJourneys } from './journey-loader';

const welcome = {
  id: 'welcome',
  name: 'Welcome email',
  trigger: { type: 'track', event: 'Signed Up' },
  entry: 'once',
  steps: [{ id: 'send-welcome', type: 'send', channel: 'email', templateId: 'welcome' }],
};
const text = (value: unknown) => JSON.stringify(value);

function problemsOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(JourneyDefinitionError);
    return error instanceof Error ? error.message : '';
  }
  throw new Error('expected the journeys to be refused');
}

describe('parseJourneys', () => {
  it('accepts the welcome journey', () => {
    expect(parseJourneys(text({ journeys: [welcome] }), 'j.json')).toEqual([welcome]);
  });

  it('names the file and the path of a bad step type', () => {
    const bad = { ...welcome, steps: [{ ...welcome.steps[0], type: 'teleport' }] };
    const message = problemsOf(() => parseJourneys(text({ journeys: [bad] }), '/x/j.json'));
    expect(message).toContain('/x/j.json');
    expect(message).toContain('journeys[0].steps[0].type');
  });

  it('refuses a channel that has no sender yet', () => {
    const sms = { ...welcome, steps: [{ ...welcome.steps[0], channel: 'sms' }] };
    expect(problemsOf(() => parseJourneys(text({ journeys: [sms] }), 'j.json'))).toContain(
      'journeys[0].steps[0].channel',
    );
  });

  it('refuses unknown fields so a typo is not silently ignored', () => {
    const typo = { ...welcome, entyr: 'once' };
    expect(problemsOf(() => parseJourneys(text({ journeys: [typo] }), 'j.json'))).toContain(
      'entyr',
    );
  });

  it('refuses duplicate journey ids and duplicate step ids', () => {
    const twoSteps = { ...welcome, steps: [welcome.steps[0], welcome.steps[0]] };
    const message = problemsOf(() =>
      parseJourneys(text({ journeys: [welcome, twoSteps] }), 'j.json'),
    );
    expect(message).toContain('journeys[1].id: duplicate journey id "welcome"');
    expect(message).toContain('journeys[1].steps[1].id: duplicate step id "send-welcome"');
  });

  it('refuses a journey without steps and an id that cannot be part of a state key', () => {
    const message = problemsOf(() =>
      parseJourneys(text({ journeys: [{ ...welcome, id: 'a|b', steps: [] }] }), 'j.json'),
    );
    expect(message).toContain('journeys[0].id');
    expect(message).toContain('journeys[0].steps');
  });

  it('reports text that is not JSON', () => {
    expect(problemsOf(() => parseJourneys('{ journeys', 'j.json'))).toContain('not valid JSON');
  });
});

describe('loadJourneysFile', () => {
  it('reads a file relative to the given directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journeys-'));
    writeFileSync(join(dir, 'j.json'), text({ journeys: [welcome] }));
    expect(loadJourneysFile('j.json', dir)).toEqual([welcome]);
  });

  it('names a missing file by its absolute path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journeys-'));
    expect(problemsOf(() => loadJourneysFile('missing.json', dir))).toContain(
      `${join(dir, 'missing.json')}:\n  cannot be read`,
    );
  });

  it('loads the shipped welcome journey', () => {
    const shipped = loadJourneysFile(resolve(__dirname, '../../journeys/welcome.json'));
    expect(shipped.map((journey) => journey.id)).toEqual(['welcome']);
  });
});
